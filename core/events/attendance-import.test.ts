import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { commitAttendanceImport } from "./commit-attendance-import.ts";
import { computeEventFigures } from "./compute-event-figures.ts";
import { createEvent } from "./create-event.ts";
import { previewAttendanceImport } from "./preview-attendance-import.ts";
import { registerAttendee } from "./register-attendee.ts";
import { member, secretariat, seminarInput, testDeps } from "../../tests/fixtures/events.ts";

const real = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/real/attendance/${name}`, import.meta.url)));

describe.each(testDatabases)("online attendance import on %s", (kind) => {
  const t = useTestDatabase(kind);

  async function seminar() {
    const deps = testDeps(t.db);
    const event = await createEvent(deps, secretariat, seminarInput());
    const register = (name: string, email: string, seatType = "online") =>
      registerAttendee(deps, anonymous, event.id, { name, email, seatType });
    return { deps, event, register };
  }

  const registrationsOf = (eventId: string) =>
    t.db
      .selectFrom("registrations")
      .select(["name", "email", "attended_online", "online_minutes", "walk_in", "status"])
      .where("event_id", "=", eventId)
      .orderBy("arrival_sequence")
      .execute();

  it("Zoom with the meeting-data preamble: preview writes nothing, commit marks those over the minimum, with their minutes", async () => {
    const { deps, event, register } = await seminar();
    await register("Swarm", "SWARM_mutant@example.com"); // 10 + 98 minutes over two joins
    await register("Winter Soldier", "winter-soldier_human@example.com"); // 1 minute
    await register("Clea", "other-address@example.jp"); // matched by name only ("014_Clea" is no name match)
    await register("Loki Laufeyson", "loki@elsewhere.example.jp"); // Zoom's original name
    const before = await registrationsOf(event.id);
    const preview = await previewAttendanceImport(deps, secretariat, event.id, {
      file: real("zoom-participants-meeting-data.csv"),
      minimumMinutes: "30",
    });
    expect(await registrationsOf(event.id)).toEqual(before);
    expect(preview).toMatchObject({ format: "zoom", minimumMinutes: 30 });
    expect(preview.counts).toMatchObject({ matched: 3, unmatched: 24 });
    const swarm = preview.rows.find((r) => r.email === "swarm_mutant@example.com")!;
    expect(swarm).toMatchObject({ outcome: "matched", by: "email", joins: 2, longEnough: true });
    expect(preview.rows.find((r) => r.name.includes("Loki"))).toMatchObject({ outcome: "matched", by: "name" });
    expect(preview.rows.find((r) => r.name.includes("Winter"))).toMatchObject({
      outcome: "matched",
      longEnough: false,
    });

    const result = await commitAttendanceImport(deps, secretariat, event.id, preview);
    expect(result).toEqual({ marked: 2, alreadyMarked: 0, walkIns: 0, short: 1, skipped: 24 });
    const after = await registrationsOf(event.id);
    expect(after.map((r) => [r.name, r.attended_online, r.online_minutes])).toEqual([
      ["Swarm", 1, 108],
      ["Winter Soldier", 0, null],
      ["Clea", 0, null],
      ["Loki Laufeyson", 1, 128],
    ]);
    // The same report again changes nothing.
    expect(await commitAttendanceImport(deps, secretariat, event.id, preview)).toMatchObject({
      marked: 0,
      alreadyMarked: 2,
    });
    const audit = await t.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "event.attendance.import")
      .execute();
    expect(audit).toHaveLength(2);
  });

  it("Teams (UTF-16, sections) and Webex (UTF-16LE, tabs): matched by e-mail, every real sample reads", async () => {
    const { deps, event, register } = await seminar();
    await register("Johnny", "jacek@example.com");
    await register("Test User 1", "user1@example.com");
    await register("長崎 花子", "hanako@example.jp");
    for (const [file, marked] of [
      ["teams-attendance-report.csv", 1],
      ["webex-attendee-report-built.csv", 1],
      ["teams-attendance-report-ja-built.csv", 1],
      ["zoom-participants-ja-built.csv", 0],
      ["zoom-participants.csv", 0],
      ["zoom-participants-ja-nopreamble.csv", 0],
    ] as const) {
      const preview = await previewAttendanceImport(deps, secretariat, event.id, {
        file: real(file),
        minimumMinutes: 10,
      });
      expect((await commitAttendanceImport(deps, secretariat, event.id, preview)).marked, file).toBe(marked);
    }
    const rows = await registrationsOf(event.id);
    expect(rows.map((r) => [r.name, r.attended_online, r.online_minutes])).toEqual([
      ["Johnny", 1, 15],
      ["Test User 1", 1, 201],
      // Teams said 1 時間 59 分 55 秒; the Zoom report later said 120 minutes over two joins.
      ["長崎 花子", 1, 120],
    ]);
  });

  it("Teams in the Japanese UI (1. 要約, メール アドレス): by e-mail in any case, by UPN, by name across widths; short ones not marked", async () => {
    const { deps, event, register } = await seminar();
    await register("長崎 花子", "hanako.nagasaki@example.jp"); // the report has Hanako.Nagasaki@…
    await register("大村四郎", "shiro@example.jp"); // no e-mail in the report, only the UPN
    await register("サセボ ジロウ", "jiro@elsewhere.example.jp"); // the guest: ｻｾﾎﾞ ｼﾞﾛｳ (ゲスト), 11 min 30 s
    await register("欠席 者", "absent@example.jp");
    const preview = await previewAttendanceImport(deps, secretariat, event.id, {
      file: real("teams-attendance-report-ja-youyaku-built.csv"),
      minimumMinutes: 15,
    });
    expect(preview).toMatchObject({ format: "teams" });
    const row = (name: string) => preview.rows.find((r) => r.name === name);
    expect(row("長崎\u3000花子")).toMatchObject({ outcome: "matched", by: "email" });
    expect(row("大村 四郎")).toMatchObject({ outcome: "matched", by: "email" });
    expect(row("事務局 担当者")).toMatchObject({ outcome: "unmatched" });
    // Teams' "(ゲスト)" is no part of the name: the half-width katakana guest is サセボ ジロウ, but too short.
    expect(row("ｻｾﾎﾞ ｼﾞﾛｳ (ゲスト)")).toMatchObject({ outcome: "matched", by: "name" });
    // Nothing is written by the preview.
    expect((await registrationsOf(event.id)).every((r) => !r.attended_online)).toBe(true);
    await commitAttendanceImport(deps, secretariat, event.id, preview);
    expect((await registrationsOf(event.id)).map((r) => [r.name, r.attended_online, r.online_minutes])).toEqual([
      ["長崎 花子", 1, 112],
      ["大村四郎", 1, 32],
      ["サセボ ジロウ", 0, null],
      ["欠席 者", 0, null],
    ]);
  });

  it("by hand: an ambiguous row assigned, a guest recorded as a walk-in (attended, not registered), once", async () => {
    const { deps, event, register } = await seminar();
    await register("長崎　花子", "hanako.other@example.jp");
    await register("長崎 花子", "hanako.second@example.jp");
    await register("会場 の人", "venue@example.jp", "venue");
    const preview = await previewAttendanceImport(deps, secretariat, event.id, {
      file: real("zoom-participants-ja-built.csv"),
      minimumMinutes: 5,
    });
    const hanako = preview.rows.findIndex((r) => r.email === "hanako@example.jp");
    const saseboIndex = preview.rows.findIndex((r) => r.name === "ｻｾﾎﾞ ﾀﾛｳ");
    expect(preview.rows[hanako]).toMatchObject({ outcome: "ambiguous", candidates: expect.any(Array) });
    expect(preview.rows[hanako]!.candidates).toHaveLength(2);
    const second = preview.rows[hanako]!.candidates[1]!;
    const rows = preview.rows.map((r, i) => ({
      ...r,
      decision: i === hanako ? `r:${second}` : i === saseboIndex ? "walk-in" : "skip",
    }));
    expect(await commitAttendanceImport(deps, secretariat, event.id, { minimumMinutes: 5, rows })).toMatchObject({
      marked: 1,
      walkIns: 1,
    });
    expect(await commitAttendanceImport(deps, secretariat, event.id, { minimumMinutes: 5, rows })).toMatchObject({
      marked: 0,
      alreadyMarked: 1,
      walkIns: 0,
    });
    // The same report previewed again: the walk-in is now a match, and committing the suggestions changes nothing.
    const again = await previewAttendanceImport(deps, secretariat, event.id, {
      file: real("zoom-participants-ja-built.csv"),
      minimumMinutes: 5,
    });
    expect(again.rows[saseboIndex]).toMatchObject({ outcome: "matched", by: "name", alreadyMarked: true });
    expect(await commitAttendanceImport(deps, secretariat, event.id, again)).toMatchObject({ marked: 0, walkIns: 0 });
    const stored = await registrationsOf(event.id);
    expect(stored.filter((r) => r.walk_in)).toMatchObject([
      { name: "ｻｾﾎﾞ ﾀﾛｳ", attended_online: 1, online_minutes: 120, status: "confirmed" },
    ]);
    const figures = await computeEventFigures(t.db, deps.clock, secretariat, event.id, "ja");
    // Three registered, the walk-in attended but did not register.
    expect(figures.total).toMatchObject({ registered: 3, attended: 2, noShow: 2 });
    expect(figures.walkIns).toBe(1);
    expect(figures.bySeatType.find((s) => s.key === "online")).toMatchObject({ registered: 2, attended: 2, noShow: 1 });
  });

  it("bad input: nothing half-written, the field named", async () => {
    const { deps, event, register } = await seminar();
    await register("Test User 1", "user1@example.com");
    const other = await seminar();
    const stranger = await other.register("他のセミナー", "x@example.jp");
    const preview = await previewAttendanceImport(deps, secretariat, event.id, {
      file: real("webex-attendee-report-built.csv"),
    });
    const rows = preview.rows.map((r, i) => ({ ...r, decision: i === 3 ? `r:${stranger.id}` : r.decision }));
    const before = await registrationsOf(event.id);
    await expect(
      commitAttendanceImport(deps, secretariat, event.id, { minimumMinutes: 0, rows }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "rows.3.decision", code: "events-attendance-unknown-registration" }],
    });
    expect(await registrationsOf(event.id)).toEqual(before);
    await expect(previewAttendanceImport(deps, secretariat, event.id, { file: null })).rejects.toMatchObject({
      fields: [{ field: "file", code: "required" }],
    });
    await expect(
      previewAttendanceImport(deps, secretariat, event.id, {
        file: real("zoom-participants.csv"),
        minimumMinutes: "-1",
      }),
    ).rejects.toMatchObject({ fields: [{ field: "minimumMinutes" }] });
    await expect(
      previewAttendanceImport(deps, member, event.id, { file: real("zoom-participants.csv") }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      previewAttendanceImport(deps, secretariat, "no-such-event", { file: real("zoom-participants.csv") }),
    ).rejects.toMatchObject({ code: "not-found" });
  });
});
