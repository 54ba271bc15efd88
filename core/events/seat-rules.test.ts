import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { assembleAnnualReport } from "../reports/assemble-annual-report.ts";
import { checkInAttendee } from "./check-in-attendee.ts";
import { computeEventFigures } from "./compute-event-figures.ts";
import { createEvent } from "./create-event.ts";
import { inviteGuest } from "./invite-guest.ts";
import { listGuests } from "./list-guests.ts";
import { listRegistrations } from "./list-registrations.ts";
import { moveRegistration } from "./move-registration.ts";
import { registerAttendee } from "./register-attendee.ts";
import { removeGuest } from "./remove-guest.ts";
import { guestToken } from "./seat-rules.ts";
import { setAttendeeRole } from "./set-attendee-role.ts";
import {
  createSeminar,
  member,
  secretariat,
  seminarInput,
  testDeps,
  venueAndOnline,
} from "../../tests/fixtures/events.ts";
import { insertOrganisation } from "../../tests/fixtures/rows.ts";

describe.each(testDatabases)("seat rules on %s", (kind) => {
  const t = useTestDatabase(kind);
  let domain = 0;
  const person = (n: number, seatType = "venue") => ({
    name: `参加者${n}`,
    email: `p${n}@r${++domain}.example.jp`,
    seatType,
    organisation: "長崎工業会",
  });

  beforeAll(async () => {
    // The member actor acts for org-1, a member organisation (core/community/membership.ts).
    const now = "2021-01-01T00:00:00.000Z";
    await insertOrganisation(t.db, {
      id: "org-1",
      name: "会員企業",
      membership: "member",
      created_at: now,
      updated_at: now,
    });
  });

  /** The seed's rule: the venue for members and invited guests, online open to the public. */
  async function seedSeminar(venueCapacity = 3) {
    return createSeminar(t.db, {
      seatTypes: [
        { key: "venue", label: "会場", capacity: venueCapacity, waitlist: true, eligibility: "members-and-guests" },
        { key: "online", label: "オンライン", capacity: 50, waitlist: true },
      ],
    });
  }

  it("admits the public online, members and invited guests at the venue, and names the rule when it refuses", async () => {
    const { deps, event } = await seedSeminar();
    expect(event.seatTypes.map((s) => [s.key, s.eligibility])).toEqual([
      ["venue", "members-and-guests"],
      ["online", "everyone"],
    ]);
    await expect(registerAttendee(deps, anonymous, event.id, person(1, "online"))).resolves.toMatchObject({
      status: "confirmed",
    });
    await expect(registerAttendee(deps, anonymous, event.id, person(2))).rejects.toMatchObject({
      code: "seat-type-not-eligible",
      fields: [{ field: "seatType", code: "events-seat-members-and-guests" }],
    });
    await expect(
      registerAttendee(deps, member, event.id, { ...person(3), email: member.kind === "user" ? member.email : "" }),
    ).resolves.toMatchObject({ status: "confirmed" });

    // A guest invited by name registers through their personal link, and comes as 来賓.
    const guest = await inviteGuest(deps, secretariat, event.id, { email: "Guest@Pref.Example.jp", name: "来賓 一郎" });
    expect(guest.registrationUrl).toContain(`/events/${event.id}/register?guest=`);
    const token = new URL(guest.registrationUrl).searchParams.get("guest")!;
    const invitation = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", "guest@pref.example.jp")
      .executeTakeFirstOrThrow();
    expect(invitation.text_body).toContain(guest.registrationUrl);
    // The link proves this address only: typed with another address it is refused, naming the field.
    await expect(
      registerAttendee(deps, anonymous, event.id, { ...person(4), guestToken: token }),
    ).rejects.toMatchObject({ fields: [{ field: "email", code: "events-guest-link-invalid" }] });
    const admitted = await registerAttendee(deps, anonymous, event.id, {
      name: "来賓 一郎",
      email: "guest@pref.example.jp",
      seatType: "venue",
      guestToken: token,
    });
    expect(admitted.status).toBe("confirmed");
    const row = await t.db
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", admitted.id)
      .executeTakeFirstOrThrow();
    expect(row.attendee_role).toBe("guest");

    // A withdrawn invitation admits nobody any more.
    await removeGuest(deps, secretariat, event.id, guest.id);
    expect(await listGuests(deps, secretariat, event.id)).toEqual([]);
    const token2 = guestToken(deps.secret, event.id, "other@pref.example.jp");
    await expect(
      registerAttendee(deps, anonymous, event.id, { ...person(5), email: "other@pref.example.jp", guestToken: token2 }),
    ).rejects.toMatchObject({ fields: [{ field: "email", code: "events-guest-link-invalid" }] });
    await expect(inviteGuest(deps, member, event.id, { email: "x@y.jp", name: "x" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });

  it("a staff move into a full seat type joins the end of its waitlist; a cut keeps arrival order", async () => {
    const { deps, event } = await createSeminar(t.db, { seatTypes: venueAndOnline(1, 2) });
    const first = await registerAttendee(deps, anonymous, event.id, person(1, "online")); // arrives first
    const venueSeat = await registerAttendee(deps, anonymous, event.id, person(2)); // takes the venue seat
    const waiting = await registerAttendee(deps, anonymous, event.id, person(3)); // waits for the venue
    expect([venueSeat.status, waiting.status]).toEqual(["confirmed", "waitlisted"]);
    // Moving the earliest registrant into the full venue puts them behind no. 3, not ahead.
    await expect(moveRegistration(deps, secretariat, first.id, { seatType: "venue" })).resolves.toMatchObject({
      status: "waitlisted",
    });
    const venue = await listRegistrations(t.db, secretariat, event.id, { seatType: "venue", status: "waitlisted" });
    expect(venue.items.map((r) => [r.id, r.waitlistPosition])).toEqual([
      [waiting.id, 1],
      [first.id, 2],
    ]);
  });

  it("a registrant moves themselves only into a free seat they may take, while registration is open", async () => {
    const { deps, event } = await seedSeminar(1);
    const online = await registerAttendee(deps, anonymous, event.id, person(1, "online"));
    // The venue is for members and guests: an anonymous registrant may not move there.
    await expect(
      moveRegistration(deps, anonymous, online.id, { seatType: "venue" }, online.token),
    ).rejects.toMatchObject({ code: "seat-type-not-eligible" });
    // A member may; once the venue is full, nobody moves in by their own link (no waitlist jumping).
    const mine = await registerAttendee(deps, member, event.id, {
      ...person(2, "online"),
      email: "m@member.example.jp",
    });
    await expect(moveRegistration(deps, member, mine.id, { seatType: "venue" }, mine.token)).resolves.toMatchObject({
      status: "confirmed",
      seatType: "venue",
    });
    await expect(
      moveRegistration(deps, member, mine.id, { seatType: "online" }, "not-the-token"),
    ).rejects.toMatchObject({ code: "forbidden" });
    const back = await moveRegistration(deps, member, mine.id, { seatType: "online" }, mine.token);
    expect(back.status).toBe("confirmed");
    await registerAttendee(deps, member, event.id, { ...person(3), email: "m2@member.example.jp" }).catch(() => null);
    const member2 = await registerAttendee(deps, member, event.id, {
      ...person(4, "online"),
      email: "m3@member.example.jp",
    });
    await expect(
      moveRegistration(deps, member, member2.id, { seatType: "venue" }, member2.token),
    ).rejects.toMatchObject({ code: "seat-move-not-free", fields: [{ field: "seatType" }] });
    // After registration closes, the link moves nothing.
    deps.clock.set("2021-01-27T06:00:00.000Z");
    await expect(moveRegistration(deps, member, mine.id, { seatType: "venue" }, mine.token)).rejects.toMatchObject({
      code: "registration-closed",
    });
  });

  it("counts speakers, officers, press and staff apart, in the figures and in the report", async () => {
    const deps = testDeps(t.db, "2021-01-20T00:00:00.000Z");
    const event = await createEvent(deps, secretariat, seminarInput({ title: "役割の集計" }));
    const regs = [];
    for (let i = 1; i <= 4; i++) regs.push(await registerAttendee(deps, anonymous, event.id, person(i)));
    await setAttendeeRole(deps, secretariat, regs[0]!.id, { attendeeRole: "speaker" });
    await setAttendeeRole(deps, secretariat, regs[1]!.id, { attendeeRole: "staff" });
    await setAttendeeRole(deps, secretariat, regs[2]!.id, { attendeeRole: "staff" });
    await expect(
      setAttendeeRole(deps, secretariat, regs[3]!.id, { attendeeRole: "vip" as never }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "attendeeRole" }] });
    await expect(setAttendeeRole(deps, member, regs[3]!.id, { attendeeRole: "press" })).rejects.toMatchObject({
      code: "forbidden",
    });
    deps.clock.set("2021-01-27T06:10:00.000Z");
    for (const r of regs) {
      const ticket = await t.db
        .selectFrom("registrations")
        .select("ticket_code")
        .where("id", "=", r.id)
        .executeTakeFirstOrThrow();
      await checkInAttendee(deps, secretariat, event.id, { ticket: ticket.ticket_code });
    }
    const figures = await computeEventFigures(t.db, deps.clock, secretariat, event.id, "ja");
    expect(figures.byRole.map((r) => [r.label, r.attended])).toEqual([
      ["一般参加者", 1],
      ["講師", 1],
      ["スタッフ", 2],
    ]);
    const report = await assembleAnnualReport({ ...deps, dialect: t.dialect }, secretariat, { fiscalYear: 2020 });
    expect(JSON.stringify(report)).toContain("（会場参加者には、講師1名、スタッフ2名を含む。）");
  });
});
