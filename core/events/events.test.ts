import { beforeEach, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { cancelRegistration } from "./cancel-registration.ts";
import { changeSeatCapacity } from "./change-seat-capacity.ts";
import { checkInAttendee } from "./check-in-attendee.ts";
import { createEvent } from "./create-event.ts";
import { getEvent } from "./get-event.ts";
import { getTicket } from "./get-ticket.ts";
import { listRegistrations } from "./list-registrations.ts";
import { moveRegistration } from "./move-registration.ts";
import { registerAttendee } from "./register-attendee.ts";
import {
  createSeminar,
  member,
  secretariat,
  seminarInput,
  testDeps,
  venueAndOnline,
} from "../../tests/fixtures/events.ts";
import { updateEvent } from "./update-event.ts";

describe.each(testDatabases)("seminars on %s", (kind) => {
  const t = useTestDatabase(kind);

  const newSeminar = (seats = venueAndOnline(2, 1, { online: false })) => createSeminar(t.db, { seatTypes: seats });
  // Each test's people have their own mail domain: the outbox is shared by the suite.
  let domain = 0;
  const person = (n: number, seatType = "venue") => ({
    name: `参加者${n}`,
    email: `p${n}@e${domain}.example.jp`,
    seatType,
    organisation: "長崎工業会",
  });
  beforeEach(() => void domain++);
  // The clock stands still in these tests, so outbox ids do not order mails: find them by subject.
  const mailTo = async (n: number, subject: RegExp) => {
    const rows = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", `p${n}@e${domain}.example.jp`)
      .execute();
    const found = rows.find((r) => subject.test(r.subject));
    if (!found) throw new Error(`no mail to p${n} with subject ${subject}: ${rows.map((r) => r.subject).join(", ")}`);
    return found;
  };

  it("creates an event with seat types and programme; registration opens now and closes at the start", async () => {
    const { event } = await newSeminar();
    expect(event.seatTypes.map((s) => [s.key, s.capacity, s.waitlist, s.online])).toEqual([
      ["venue", 2, true, false],
      ["online", 1, false, true],
    ]);
    expect(event.sessions[0]!.speakers[0]!.name).toContain("課長補佐");
    expect(event.registrationOpensAt).toBe("2021-01-10T00:00:00.000Z");
    expect(event.registrationClosesAt).toBe("2021-01-27T06:00:00.000Z");
    expect(JSON.stringify(event)).not.toContain("secret-room");
    const audit = await t.db.selectFrom("audit_events").select("action").where("entity_id", "=", event.id).execute();
    expect(audit.map((a) => a.action)).toContain("event.create");
  });

  it("only the secretariat creates events, and bad input names the fields", async () => {
    const deps = testDeps(t.db);
    await expect(createEvent(deps, anonymous, seminarInput())).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(createEvent(deps, member, seminarInput())).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      createEvent(
        deps,
        secretariat,
        seminarInput({ endsAt: "2021-01-27T14:00:00+09:00", seatTypes: [{ key: "Venue!", label: "", capacity: -1 }] }),
      ),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        expect.objectContaining({ field: "endsAt" }),
        expect.objectContaining({ field: "seatTypes.0.key" }),
        expect.objectContaining({ field: "seatTypes.0.capacity" }),
      ]),
    });
  });

  it("confirms up to capacity, then waitlists in arrival order, and refuses when full without a waitlist", async () => {
    const { deps, event } = await newSeminar();
    const r = [];
    for (let i = 1; i <= 4; i++) r.push(await registerAttendee(deps, anonymous, event.id, person(i)));
    expect(r.map((x) => [x.status, x.waitlistPosition])).toEqual([
      ["confirmed", undefined],
      ["confirmed", undefined],
      ["waitlisted", 1],
      ["waitlisted", 2],
    ]);
    await registerAttendee(deps, anonymous, event.id, person(5, "online"));
    await expect(registerAttendee(deps, anonymous, event.id, person(6, "online"))).rejects.toMatchObject({
      code: "seat-type-full",
      status: 409,
      fields: [{ field: "seatType", code: "events-seat-type-full" }],
    });
    const mails = await t.db
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "attachments_json"])
      .where("to_address", "like", `%@e${domain}.example.jp`)
      .orderBy("id")
      .execute();
    expect(mails.map((m) => m.to_address.split("@")[0]).sort()).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect((await mailTo(1, /参加登録完了/)).attachments_json).toContain("BEGIN:VCALENDAR");
    expect((await mailTo(3, /キャンセル待ち/)).attachments_json).toBeNull();
  });

  it("the same e-mail twice (any case, any seat type) is a 409 with a clear field message, nothing written", async () => {
    const { deps, event } = await newSeminar();
    await registerAttendee(deps, anonymous, event.id, person(1));
    await expect(
      registerAttendee(deps, anonymous, event.id, { ...person(1, "online"), email: person(1).email.toUpperCase() }),
    ).rejects.toMatchObject({
      code: "already-registered",
      status: 409,
      fields: [{ field: "email", code: "events-already-registered" }],
    });
    const list = await listRegistrations(t.db, secretariat, event.id, {});
    expect(list.total).toBe(1);
  });

  it("the unique index refuses a second live registration even when written past the check", async () => {
    const { deps, event } = await newSeminar();
    const first = await registerAttendee(deps, anonymous, event.id, person(1));
    const row = await t.db.selectFrom("registrations").selectAll().where("id", "=", first.id).executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto("registrations")
        .values({ ...row, id: "x1", email: row.email.toUpperCase(), ticket_code: "X", token_hash: "x" })
        .execute(),
    ).rejects.toThrow();
    await t.db
      .insertInto("registrations")
      .values({ ...row, id: "x2", status: "cancelled", ticket_code: "Y", token_hash: "y" })
      .execute();
  });

  it("rejects invalid input with field codes and writes nothing", async () => {
    const { deps, event } = await newSeminar();
    await expect(
      registerAttendee(deps, anonymous, event.id, { name: "", email: "not-mail", seatType: "venue" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        { field: "name", code: "required" },
        { field: "email", code: "email" },
      ]),
    });
    await expect(registerAttendee(deps, anonymous, event.id, person(1, "balcony"))).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "seatType", code: "choice" }],
    });
    expect((await listRegistrations(t.db, secretariat, event.id, {})).total).toBe(0);
  });

  it("refuses registration outside the window and for members-only events to the public", async () => {
    const { deps, event } = await newSeminar();
    deps.clock.set("2021-01-27T06:00:00.000Z");
    await expect(registerAttendee(deps, anonymous, event.id, person(1))).rejects.toMatchObject({
      code: "registration-closed",
      fields: [{ code: "events-registration-closed" }],
    });
    const members = await createEvent(testDeps(t.db), secretariat, seminarInput({ audience: "members" }));
    await expect(registerAttendee(testDeps(t.db), anonymous, members.id, person(2))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(getEvent(t.db, anonymous, members.id)).rejects.toMatchObject({ code: "not-found" });
    // A member is someone acting for a member organisation (core/community/membership.ts): a
    // contact of an organisation whose membership is "none" is signed in but not admitted.
    const organisation = (id: string, membership: string) =>
      t.db
        .insertInto("organisations")
        .values({
          id,
          name: id,
          reading: "",
          sector: "industry",
          prefecture: "42",
          industry: null,
          size_band: null,
          membership,
          membership_type: null,
          member_since: null,
          website: null,
          address: null,
          notes: null,
          search_text: id,
          merged_into_id: null,
          created_at: "2021-01-01T00:00:00.000Z",
          updated_at: "2021-01-01T00:00:00.000Z",
        })
        .execute();
    await organisation("org-1", "member");
    await organisation("org-none", "none");
    const contact = {
      ...member,
      userId: "u-contact",
      email: "c@none.example.jp",
      grants: [{ role: "member" as const, scopeType: "organisation" as const, scopeId: "org-none" }],
    };
    await expect(
      registerAttendee(testDeps(t.db), contact, members.id, { ...person(3), email: contact.email }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(registerAttendee(testDeps(t.db), member, members.id, person(2))).resolves.toMatchObject({
      status: "confirmed",
    });
  });

  it("a registrant who registered in English gets every mail about it in English; others in Japanese", async () => {
    const { deps, event } = await newSeminar();
    const english = (n: number) => ({ ...person(n), locale: "en" as const });
    const a = await registerAttendee(deps, anonymous, event.id, english(1));
    await registerAttendee(deps, anonymous, event.id, person(2));
    const c = await registerAttendee(deps, anonymous, event.id, english(3));
    expect((await mailTo(1, /Registered/)).text_body).toContain("Dear");
    expect((await mailTo(3, /Waitlist/)).subject).toBe(`[Waitlist] ${event.title}`);
    await cancelRegistration(deps, anonymous, a.id, a.token);
    expect((await mailTo(1, /Cancelled/)).subject).toBe(`[Cancelled] ${event.title}`);
    expect((await mailTo(3, /Seat confirmed/)).subject).toBe(`[Seat confirmed] ${event.title}`);
    expect((await mailTo(2, /参加登録完了/)).subject).toContain("【参加登録完了】");
    const stored = await t.db
      .selectFrom("registrations")
      .select(["id", "locale"])
      .where("id", "in", [a.id, c.id])
      .execute();
    expect(stored.map((r) => r.locale)).toEqual(["en", "en"]);
    await expect(
      registerAttendee(deps, anonymous, event.id, { ...person(5), locale: "fr" as "en" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [expect.objectContaining({ field: "locale" })],
    });
  });

  it("cancellation by the registrant's token promotes the first waitlisted in the same transaction and mails them", async () => {
    const { deps, event } = await newSeminar();
    const [a, , c, d] = [
      await registerAttendee(deps, anonymous, event.id, person(1)),
      await registerAttendee(deps, anonymous, event.id, person(2)),
      await registerAttendee(deps, anonymous, event.id, person(3)),
      await registerAttendee(deps, anonymous, event.id, person(4)),
    ];
    await expect(cancelRegistration(deps, anonymous, a.id, "wrong-token")).rejects.toMatchObject({ code: "forbidden" });
    await expect(cancelRegistration(deps, anonymous, a.id)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(cancelRegistration(deps, member, a.id)).rejects.toMatchObject({ code: "forbidden" });
    const result = await cancelRegistration(deps, anonymous, a.id, a.token);
    expect(result).toEqual({ id: a.id, status: "cancelled", promoted: [c.id] });
    expect(await cancelRegistration(deps, anonymous, a.id, a.token)).toEqual({
      id: a.id,
      status: "cancelled",
      promoted: [],
    });
    const ticket = await getTicket(t.db, d.token);
    expect(ticket).toMatchObject({ status: "waitlisted", waitlistPosition: 1 });
    const promotedMail = await mailTo(3, /繰り上げ/);
    expect(promotedMail.attachments_json).toContain("BEGIN:VEVENT");
    expect(promotedMail.text_body).toContain(`https://chiiki.example/events/ticket/${c.token}`);
    // Cancelled people may register again.
    await expect(registerAttendee(deps, anonymous, event.id, person(1))).resolves.toMatchObject({
      status: "waitlisted",
      waitlistPosition: 2,
    });
  });

  it("raising capacity promotes in order; lowering drops nobody and the secretariat moves those over", async () => {
    const { deps, event } = await newSeminar(venueAndOnline(3, 5));
    const regs = [];
    for (let i = 1; i <= 5; i++) regs.push(await registerAttendee(deps, anonymous, event.id, person(i)));
    const raised = await changeSeatCapacity(deps, secretariat, event.id, "venue", { capacity: 4 });
    expect(raised).toMatchObject({ capacity: 4, confirmed: 4, waitlisted: 1, promoted: [regs[3]!.id] });
    const lowered = await changeSeatCapacity(deps, secretariat, event.id, "venue", { capacity: 2 });
    expect(lowered).toMatchObject({ capacity: 2, confirmed: 4, over: 2, promoted: [] });
    expect((await listRegistrations(t.db, secretariat, event.id, { status: "cancelled" })).total).toBe(0);
    await expect(changeSeatCapacity(deps, member, event.id, "venue", { capacity: 9 })).rejects.toMatchObject({
      code: "forbidden",
    });
    // The latest two go: one to the online seats, one back to the venue waitlist (ahead of no. 5, who came later).
    await moveRegistration(deps, secretariat, regs[3]!.id, { seatType: "online" });
    await moveRegistration(deps, secretariat, regs[2]!.id, { seatType: "venue", toWaitlist: true });
    const venue = await listRegistrations(t.db, secretariat, event.id, { seatType: "venue" });
    expect(venue.items.map((r) => [r.name, r.status, r.waitlistPosition])).toEqual([
      ["参加者1", "confirmed", null],
      ["参加者2", "confirmed", null],
      ["参加者3", "waitlisted", 1],
      ["参加者5", "waitlisted", 2],
    ]);
    const movedMail = await mailTo(4, /変更/);
    expect(movedMail.text_body).toContain("secret-room");
  });

  it("editing the event keeps seats by key and promotes on a raise", async () => {
    const { deps, event } = await newSeminar();
    for (let i = 1; i <= 3; i++) await registerAttendee(deps, anonymous, event.id, person(i));
    const updated = await updateEvent(
      deps,
      secretariat,
      event.id,
      seminarInput({
        title: "改題",
        seatTypes: venueAndOnline(3, 1, { online: false }),
      }),
    );
    expect(updated.title).toBe("改題");
    expect(updated.seatTypes[0]).toMatchObject({ confirmed: 3, waitlisted: 0 });
    await expect(
      updateEvent(
        deps,
        secretariat,
        event.id,
        seminarInput({ seatTypes: [{ key: "online", label: "x", capacity: 1 }] }),
      ),
    ).rejects.toMatchObject({ code: "seat-type-in-use", fields: [{ code: "events-seat-type-in-use" }] });
  });

  it("the ticket shows the join link only to a confirmed online registrant, and the QR code only for the venue", async () => {
    const { deps, event } = await newSeminar();
    const venue = await registerAttendee(deps, anonymous, event.id, person(1));
    const online = await registerAttendee(deps, anonymous, event.id, person(2, "online"));
    expect(await getTicket(t.db, venue.token)).toMatchObject({
      joinUrl: null,
      ticketCode: expect.stringMatching(/^[0-9A-Z]{12}$/),
    });
    expect(await getTicket(t.db, online.token)).toMatchObject({
      joinUrl: "https://webex.example/j/secret-room",
      ticketCode: null,
    });
    await expect(getTicket(t.db, "nope")).rejects.toMatchObject({ code: "not-found" });
    const mail = await mailTo(2, /参加登録完了/);
    expect(mail.text_body).toContain("secret-room");
    const venueMail = await mailTo(1, /参加登録完了/);
    expect(venueMail.text_body + venueMail.attachments_json).not.toContain("secret-room");
  });

  it("checks a confirmed ticket in once; a second scan is a conflict; a waitlisted ticket is refused", async () => {
    const { deps, event } = await newSeminar();
    const a = await registerAttendee(deps, anonymous, event.id, person(1));
    await registerAttendee(deps, anonymous, event.id, person(2));
    const waiting = await registerAttendee(deps, anonymous, event.id, person(3));
    const code = (await getTicket(t.db, a.token)).ticketCode!;
    await expect(checkInAttendee(deps, member, event.id, { ticket: code })).rejects.toMatchObject({
      code: "forbidden",
    });
    const both = await Promise.allSettled([
      checkInAttendee(deps, secretariat, event.id, { ticket: code }),
      checkInAttendee(deps, secretariat, event.id, { ticket: code.toLowerCase() }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "already-checked-in", fields: [{ code: "events-already-checked-in" }] },
    });
    await expect(checkInAttendee(deps, secretariat, event.id, { ticket: waiting.id })).rejects.toMatchObject({
      code: "ticket-not-confirmed",
      fields: [{ code: "events-not-confirmed" }],
    });
    await expect(checkInAttendee(deps, secretariat, event.id, { ticket: "NOSUCHTICKET" })).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("lists registrations in arrival order with limit/offset, for the secretariat only", async () => {
    const { deps, event } = await newSeminar();
    for (let i = 1; i <= 4; i++) await registerAttendee(deps, anonymous, event.id, person(i));
    const page = await listRegistrations(t.db, secretariat, event.id, { limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.items.map((r) => r.name)).toEqual(["参加者2", "参加者3"]);
    expect((await listRegistrations(t.db, secretariat, event.id, { q: "参加者4" })).items).toHaveLength(1);
    await expect(listRegistrations(t.db, anonymous, event.id, {})).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(listRegistrations(t.db, member, event.id, {})).rejects.toMatchObject({ code: "forbidden" });
  });

  it("many registrations at once never exceed capacity and number the waitlist without gaps", async () => {
    const { deps, event } = await newSeminar([
      { key: "venue", label: "会場", capacity: 7, waitlist: true },
      { key: "online", label: "オンライン", capacity: 5, waitlist: true },
    ]);
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        registerAttendee(deps, anonymous, event.id, person(i, i % 2 ? "online" : "venue")),
      ),
    );
    for (const key of ["venue", "online"]) {
      const mine = results.filter((r) => r.seatType === key);
      const capacity = key === "venue" ? 7 : 5;
      expect(mine.filter((r) => r.status === "confirmed")).toHaveLength(capacity);
      expect(
        mine
          .filter((r) => r.status === "waitlisted")
          .map((r) => r.waitlistPosition)
          .sort((a, b) => a! - b!),
      ).toEqual(Array.from({ length: 20 - capacity }, (_, i) => i + 1));
    }
  });
});
