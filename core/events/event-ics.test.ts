/**
 * Every calendar file the product sends parses with a strict RFC 5545 parser (ical.js), keeps its
 * lines within 75 octets without splitting a character, and follows what calendar programs need
 * to replace an entry instead of adding a second: one UID per event, a SEQUENCE that grows, and a
 * CANCEL when a registration is cancelled.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { cancelRegistration } from "./cancel-registration.ts";
import { createEvent } from "./create-event.ts";
import { eventCalendarUid, renderEventIcs } from "./event-ics.ts";
import { registerAttendee } from "./register-attendee.ts";
import { sendDueReminders } from "./send-due-reminders.ts";
import { secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";
import { updateEvent } from "./update-event.ts";
import { getEventForEditing } from "./get-event-for-editing.ts";
import { strictIssues } from "../../tests/support/ics.ts";

interface ParsedCalendar {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  organizer: string | null;
  organizerName: string | null;
  start: string;
  end: string;
  summary: string;
  description: string;
}

/** Parses strictly: the checks above, then ical.js (which throws on a broken line or parameter). */
function parseStrict(text: string): ParsedCalendar {
  expect(strictIssues(text)).toEqual([]);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent("vevent")!;
  const organizer = vevent.getFirstProperty("organizer");
  return {
    method: String(calendar.getFirstPropertyValue("method")),
    uid: String(vevent.getFirstPropertyValue("uid")),
    sequence: Number(vevent.getFirstPropertyValue("sequence")),
    status: String(vevent.getFirstPropertyValue("status")),
    organizer: organizer ? String(organizer.getFirstValue()) : null,
    organizerName: organizer ? ((organizer.getParameter("cn") as string | undefined) ?? null) : null,
    start: (vevent.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (vevent.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
    summary: String(vevent.getFirstPropertyValue("summary")),
    description: String(vevent.getFirstPropertyValue("description")),
  };
}

describe.each(testDatabases)("calendar files on %s", (kind) => {
  const t = useTestDatabase(kind);
  let n = 0;

  async function calendarsTo(email: string): Promise<{ subject: string; contentType: string; ics: ParsedCalendar }[]> {
    const rows = await t.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", email)
      .orderBy("id")
      .execute();
    return rows.flatMap((row) => {
      const attachments = JSON.parse(row.attachments_json ?? "[]") as {
        filename: string;
        contentType: string;
        content: string;
      }[];
      return attachments
        .filter((a) => a.filename.endsWith(".ics"))
        .map((a) => ({ subject: row.subject, contentType: a.contentType, ics: parseStrict(a.content) }));
    });
  }

  it("confirmation, reminder after a change of time, and cancellation: one UID, a growing SEQUENCE, then CANCEL", async () => {
    const deps = { ...testDeps(t.db, "2021-01-10T00:00:00.000Z"), calendarOrganiserEmail: "office@nisa.example.jp" };
    const long =
      "長崎県内の中小企業におけるサイバーセキュリティ対策の現状と課題、そして地域で取り組むべきこれからの連携について";
    const event = await createEvent(deps, secretariat, seminarInput({ title: long, organiser: "長崎県情報産業協会" }));
    const email = `ics${++n}@${kind}.example.jp`;
    const registration = await registerAttendee(deps, anonymous, event.id, {
      name: "参加 太郎",
      email,
      seatType: "online",
      organisation: "長崎工業会",
    });

    deps.clock.advance(3 * 86_400_000);
    const editing = await getEventForEditing(t.db, secretariat, event.id);
    await updateEvent(deps, secretariat, event.id, {
      ...seminarInput({ title: long, organiser: "長崎県情報産業協会" }),
      seatTypes: editing.seatTypes.map((s) => ({
        key: s.key,
        label: s.label,
        capacity: s.capacity,
        waitlist: s.waitlist,
      })),
      startsAt: "2021-01-27T15:30:00+09:00",
      endsAt: "2021-01-27T17:30:00+09:00",
    });
    deps.clock.set("2021-01-26T08:00:00.000Z");
    await sendDueReminders(deps, secretariat);
    deps.clock.advance(60_000);
    await cancelRegistration(deps, secretariat, registration.id);

    const [confirmed, reminder, cancelled] = await calendarsTo(email);
    expect(confirmed!.ics).toMatchObject({
      method: "PUBLISH",
      status: "CONFIRMED",
      uid: eventCalendarUid(event.id),
      summary: long,
      organizer: "mailto:office@nisa.example.jp",
      organizerName: "長崎県情報産業協会",
      start: "2021-01-27T06:00:00.000Z",
      end: "2021-01-27T08:00:00.000Z",
    });
    expect(confirmed!.contentType).toContain("method=PUBLISH");
    expect(confirmed!.ics.description).toContain("https://webex.example/j/secret-room"); // a confirmed online seat

    expect(reminder!.ics).toMatchObject({
      method: "PUBLISH",
      uid: confirmed!.ics.uid,
      start: "2021-01-27T06:30:00.000Z",
    });
    expect(reminder!.ics.sequence).toBeGreaterThan(confirmed!.ics.sequence);

    expect(cancelled!.ics).toMatchObject({ method: "CANCEL", status: "CANCELLED", uid: confirmed!.ics.uid });
    expect(cancelled!.contentType).toContain("method=CANCEL");
    expect(cancelled!.ics.sequence).toBeGreaterThan(reminder!.ics.sequence);
  });

  it("a waitlisted registrant gets no calendar file (no seat yet)", async () => {
    const deps = testDeps(t.db);
    const event = await createEvent(
      deps,
      secretariat,
      seminarInput({ seatTypes: [{ key: "venue", label: "会場", capacity: 1, waitlist: true }] }),
    );
    await registerAttendee(deps, anonymous, event.id, {
      name: "一人目",
      email: `first${++n}@${kind}.example.jp`,
      seatType: "venue",
    });
    const email = `second${n}@${kind}.example.jp`;
    await registerAttendee(deps, anonymous, event.id, { name: "二人目", email, seatType: "venue" });
    expect(await calendarsTo(email)).toEqual([]);
  });

  it("the public file has no ORGANIZER without a sender address and never the join link", async () => {
    const deps = testDeps(t.db);
    const event = await createEvent(deps, secretariat, seminarInput({ organiser: "長崎県情報産業協会" }));
    const ics = parseStrict(
      renderEventIcs(event, { pageUrl: "https://chiiki.example/events/x", now: new Date("2021-01-11T00:00:00Z") }),
    );
    expect(ics).toMatchObject({ method: "PUBLISH", organizer: null, uid: eventCalendarUid(event.id) });
    expect(ics.description).not.toContain("secret-room");
  });
});

describe("the strict check", () => {
  const calendar = (line: string) =>
    ["BEGIN:VCALENDAR", "PRODID:-//x//y//JA", "VERSION:2.0", "METHOD:PUBLISH", "BEGIN:VEVENT", "UID:a@x"]
      .concat(["DTSTAMP:20210101T000000Z", "DTSTART:20210127T060000Z", line, "END:VEVENT", "END:VCALENDAR", ""])
      .join("\r\n");
  it("refuses what the product used to send, and what ical.js alone lets through", () => {
    // The old organiser line: a name and no address. ical.js refuses it too.
    expect(() => ICAL.parse(calendar('ORGANIZER;CN="長崎県情報産業協会"'))).toThrow();
    expect(strictIssues(calendar('ORGANIZER;CN="長崎県情報産業協会"'))).not.toEqual([]);
    // ical.js reads these; RFC 5545 does not allow them.
    expect(() => ICAL.parse(calendar('ORGANIZER;CN="x":'))).not.toThrow();
    expect(strictIssues(calendar('ORGANIZER;CN="x":'))).toEqual(["ORGANIZER is no mailto: "]);
    expect(strictIssues(calendar("DTEND:2021-01-27"))).toEqual(["DTEND is no UTC date-time: 2021-01-27"]);
    // A fold in the middle of a three-octet character (bytes), or of a surrogate pair (text).
    const [head, tail] = calendar("SUMMARY:長崎").split("長崎") as [string, string];
    const nagasaki = Buffer.from("長崎");
    const bytes = Buffer.concat([
      Buffer.from(head),
      nagasaki.subarray(0, 4),
      Buffer.from("\r\n "),
      nagasaki.subarray(4),
    ]);
    expect(strictIssues(Buffer.concat([bytes, Buffer.from(tail)]))).toContainEqual(
      expect.stringMatching(/splits a character/),
    );
    expect(strictIssues(calendar("SUMMARY:\uD83D\r\n \uDE00"))).toContainEqual(expect.stringMatching(/lone surrogate/));
    expect(strictIssues(calendar('ORGANIZER;CN="長崎県情報産業協会":mailto:office@example.jp'))).toEqual([]);
  });
});

describe("calendar text", () => {
  it("folds any text at 75 octets without splitting a character, and the parser reads it back whole", () => {
    const texts = [
      "a".repeat(300),
      "あ".repeat(120),
      "😀".repeat(60),
      `${"x".repeat(73)}長崎${"y".repeat(200)}`,
      "改行\nと,カンマ;と\\",
    ];
    for (const title of texts) {
      const event = {
        id: "e1",
        title,
        theme: title,
        description: null,
        audience: "public" as const,
        startsAt: "2021-01-27T06:00:00.000Z",
        endsAt: "2021-01-27T08:00:00.000Z",
        receptionAt: null,
        venueName: title,
        venueRoom: null,
        venueAddress: null,
        venuePhone: null,
        onlineTool: null,
        feeText: null,
        organiser: title,
        coOrganisers: null,
        registrationOpensAt: "2021-01-01T00:00:00.000Z",
        registrationClosesAt: "2021-01-27T06:00:00.000Z",
        status: "published",
        consentText: null,
        questions: [],
        seatTypes: [],
        sessions: [],
        feedbackSurveyId: null,
        createdAt: "2021-01-01T00:00:00.000Z",
        updatedAt: "2021-01-02T00:00:00.000Z",
      };
      const ics = parseStrict(
        renderEventIcs(event, { pageUrl: "https://chiiki.example/e", organiserEmail: "o@example.jp" }),
      );
      expect(ics.summary).toBe(title);
      expect(ics.organizerName).toBe(title);
      expect(ics.sequence).toBe(86_400);
    }
  });
});
