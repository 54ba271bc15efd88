import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { fixedClock } from "../shared/clock.ts";
import { DEMO_SEMINAR_TITLE, eventsDemo } from "./demo.ts";
import { getEvent } from "./get-event.ts";
import { commitAttendanceImport } from "./commit-attendance-import.ts";
import { previewAttendanceImport } from "./preview-attendance-import.ts";
import { listRegistrations } from "./list-registrations.ts";
import { renderFlyer } from "./render-flyer.ts";
import { secretariat, testDeps } from "../../tests/fixtures/events.ts";

describe.each(testDatabases)("the demo seminar on %s", (kind) => {
  const services = useTestServices(kind);
  const run = () =>
    eventsDemo.run({
      db: services.database.db,
      dialect: services.database.dialect,
      clock: fixedClock("2026-11-26T00:00:00.000Z"),
      accounts: services.accounts,
      actor: { kind: "system", name: "demo" },
      storage: services.storage,
      log: () => {},
    });
  beforeAll(run);

  it("tells the seed's story: venue 30→15, online 50 (raised to seat the waitlist), 15 at the door + 55 online, 長崎新聞", async () => {
    await run(); // a second run (the first is the suite's) finds it and adds nothing
    const db = services.database.db;
    const events = await db.selectFrom("events").selectAll().where("title", "=", DEMO_SEMINAR_TITLE).execute();
    expect(events).toHaveLength(1);
    const event = await getEvent(db, secretariat, events[0]!.id);
    expect(event.seatTypes.map((s) => [s.key, s.capacity, s.confirmed, s.waitlisted, s.over])).toEqual([
      ["venue", 15, 15, 0, 0],
      ["online", 55, 55, 0, 0],
    ]);
    expect(event.sessions.map((s) => s.speakers[0]!.name)).toEqual([
      "課長補佐（警部）",
      "シニアセキュリティアナリスト / 上級サイバークライムアナリスト",
    ]);
    const all = await listRegistrations(db, secretariat, event.id, { limit: 1000 });
    expect(all.items.filter((r) => r.checkedInAt)).toHaveLength(15);
    expect(all.items.filter((r) => r.attendedOnline)).toHaveLength(55);
    const press = await db
      .selectFrom("event_press_coverage")
      .select("outlet")
      .where("event_id", "=", event.id)
      .execute();
    expect(press.map((p) => p.outlet)).toEqual(["長崎新聞"]);
    const audit = await db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "registration.move")
      .execute();
    expect(audit).toHaveLength(3);
  });

  it("imports a Zoom list with a summary above the table: matches by e-mail in any case, lists the rest", async () => {
    const db = services.database.db;
    const event = await db
      .selectFrom("events")
      .select("id")
      .where("title", "=", DEMO_SEMINAR_TITLE)
      .executeTakeFirstOrThrow();
    const csv =
      '\uFEFFMeeting ID,Topic,User Email\r\n123,セミナー,host@demo.example.jp\r\n\r\nName (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n"Online, One",ONLINE-01@DEMO.EXAMPLE.JP,x,y,90\r\n知らない人,stranger@example.jp,x,y,90\r\n';
    const preview = await previewAttendanceImport(testDeps(db), secretariat, event.id, {
      file: new TextEncoder().encode(csv),
    });
    expect(preview.rows.map((r) => [r.email, r.outcome, r.alreadyMarked])).toEqual([
      ["online-01@demo.example.jp", "matched", true],
      ["stranger@example.jp", "unmatched", false],
    ]);
    expect(await commitAttendanceImport(testDeps(db), secretariat, event.id, preview)).toMatchObject({
      marked: 0,
      alreadyMarked: 1,
      skipped: 1,
    });
    // A file that is no participant report is refused on the form's own field.
    await expect(
      previewAttendanceImport(testDeps(db), secretariat, event.id, { file: new TextEncoder().encode("a,b\n1,2") }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "file", code: "events-attendance-unknown-format" }],
    });
  });

  it("makes a one-page A4 flyer with the Japanese font embedded", async () => {
    const db = services.database.db;
    const row = await db
      .selectFrom("events")
      .select("id")
      .where("title", "=", DEMO_SEMINAR_TITLE)
      .executeTakeFirstOrThrow();
    const pdf = (
      await renderFlyer(await getEvent(db, secretariat, row.id), "https://chiiki.example/events/x/register")
    ).toString("latin1");
    expect(pdf.startsWith("%PDF-")).toBe(true);
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(1);
    expect(pdf).toContain("/MediaBox [0 0 595.28 841.89]");
    expect(pdf).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansJP-Regular/);
  });
});
