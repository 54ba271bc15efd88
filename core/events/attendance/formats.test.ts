import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { matchAttendance } from "./match-attendance.ts";
import { normaliseName, parseClockTime, parseDuration } from "./participant.ts";
import { readAttendanceReport } from "./read-attendance-report.ts";

const real = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../tests/fixtures/real/attendance/${name}`, import.meta.url)));
const byEmail = (report: Awaited<ReturnType<typeof readAttendanceReport>>, email: string) =>
  report.participants.find((p) => p.email === email);

describe("participant reports as the tools export them", () => {
  it("Zoom with the meeting-data preamble: the participant header, not the summary row, is the header; rejoins add up", async () => {
    const report = await readAttendanceReport(real("zoom-participants-meeting-data.csv"), "file");
    expect(report).toMatchObject({ format: "zoom", language: "en" });
    // 31 rows of joins, 27 people (Power Girl, Swarm, Dazzler and Cyborg Superman rejoined).
    expect(report.participants).toHaveLength(27);
    expect(byEmail(report, "swarm_mutant@example.com")).toMatchObject({ joins: 2, seconds: (10 + 98) * 60 });
    expect(byEmail(report, "loki_asgardian@example.com")).toMatchObject({
      name: "015_Loki (Loki Laufeyson)",
      otherNames: ["015_Loki", "Loki Laufeyson"],
      guest: true,
    });
    expect(byEmail(report, "clea_unknown@example.com")?.guest).toBe(false);
    // The host's summary row is not a participant of its own.
    expect(report.participants.filter((p) => p.email === "green-goblin_human@example.com")).toHaveLength(1);
  });

  it("Zoom without the preamble reads the same people", async () => {
    const report = await readAttendanceReport(real("zoom-participants.csv"), "file");
    expect(report.format).toBe("zoom");
    expect(report.participants).toHaveLength(27);
  });

  it("Zoom in Japanese: 名前（元の名前）, 期間（分）, ゲスト, 24-hour times, full-width spaces and half-width kana", async () => {
    const report = await readAttendanceReport(real("zoom-participants-ja-built.csv"), "file");
    expect(report).toMatchObject({ format: "zoom", language: "ja" });
    expect(byEmail(report, "hanako@example.jp")).toMatchObject({ joins: 2, seconds: 120 * 60, guest: true });
    expect(report.participants.map((p) => p.name)).toContain("ｻｾﾎﾞ ﾀﾛｳ");
    const other = await readAttendanceReport(real("zoom-participants-ja-nopreamble.csv"), "file");
    expect(other.participants.map((p) => [p.email, p.seconds])).toEqual([
      ["taro1@example.jp", 245 * 60],
      ["taro2@example.jp", 163 * 60],
      ["taro5@example.jp", 60],
    ]);
  });

  it("Teams: UTF-16 with a BOM, tab-separated, only section 2 (the totals), durations like 16m 2s", async () => {
    const report = await readAttendanceReport(real("teams-attendance-report.csv"), "file");
    expect(report).toMatchObject({ format: "teams", language: "en" });
    expect(report.participants).toHaveLength(8);
    expect(report.participants[0]).toMatchObject({ name: "JANSSENS JAN (EXT)", seconds: 16 * 60 + 2, joins: 1 });
    const ja = await readAttendanceReport(real("teams-attendance-report-ja-built.csv"), "file");
    expect(ja).toMatchObject({ format: "teams", language: "ja" });
    expect(ja.participants.map((p) => [p.name, p.seconds, p.guest])).toEqual([
      ["事務局 担当", 2 * 3600 + 4 * 60 + 11, false],
      ["長崎 花子", 3600 + 59 * 60 + 55, false],
      ["佐世保 次郎 (ゲスト)", 9 * 60 + 30, true],
    ]);
  });

  it("Teams in Japanese (1. 要約, メール アドレス, 参加者 ID (UPN), 役割): section 2's totals, not section 3's joins", async () => {
    const bytes = real("teams-attendance-report-ja-youyaku-built.csv");
    expect([...bytes.slice(0, 2)]).toEqual([0xff, 0xfe]); // UTF-16LE with its BOM, as Teams writes it
    const report = await readAttendanceReport(bytes, "file");
    expect(report).toMatchObject({ format: "teams", language: "ja" });
    expect(report.participants.map((p) => [p.name, p.email, p.seconds, p.joins, p.guest])).toEqual([
      ["事務局 担当者", "office@example.jp", 2 * 3600 + 10 * 60 + 38, 1, false],
      // Rejoined (two rows in section 3): section 2 already holds the total, once.
      ["長崎\u3000花子", "hanako.nagasaki@example.jp", 3600 + 52 * 60 + 39, 1, false],
      ["諫早 三郎 (外部)", "saburo@example.com", 3600 + 59 * 60 + 46, 1, true],
      ["ｻｾﾎﾞ ｼﾞﾛｳ (ゲスト)", "", 11 * 60 + 30, 1, true],
      // No e-mail but a UPN: the UPN is the address.
      ["大村 四郎", "shiro@example.jp", 32 * 60 + 45, 1, false],
    ]);
    // Teams' guest marker is kept in the shown name but is no part of the name matched.
    expect(report.participants.find((p) => p.guest && !p.email)?.otherNames).toEqual(["ｻｾﾎﾞ ｼﾞﾛｳ"]);
    // The summary alone (section 2 cut off) is named as such, in the Japanese UI's words too.
    const summary = new TextDecoder("utf-16le").decode(bytes).split("2. 参加者")[0]!;
    const utf16 = (text: string) => {
      const out = new Uint8Array(2 + text.length * 2);
      out.set([0xff, 0xfe]);
      for (let i = 0; i < text.length; i++) new DataView(out.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
      return out;
    };
    await expect(readAttendanceReport(utf16(summary.replace(/^\uFEFF/, "")), "file")).rejects.toMatchObject({
      fields: [{ field: "file", code: "events-attendance-teams-summary-only" }],
    });
  });

  it("Teams in Japanese as another public reader describes it: 初めての参加 / 最終退出, quoted cells, X 時間 Y 秒", async () => {
    // A public project's design notes on Japanese Teams reports (docs/real-world-files.md): the
    // participants header 名前・初めての参加・最終退出・会議の長さ・メール・参加者 ID (UPN)・役割, durations
    // "X 分 Y 秒", "X 時間 Y 分 Z 秒" and "X 時間 Y 秒", the title decorated as `"""…"" で会議中"`,
    // and some files with every value in double quotes.
    const text = [
      "1. 要約",
      '会議のタイトル\t"""もくもく勉強会"" で会議中"',
      "",
      "2. 参加者",
      ["名前", "初めての参加", "最終退出", "会議の長さ", "メール", "参加者 ID (UPN)", "役割"]
        .map((c) => `"${c}"`)
        .join("\t"),
      ["長崎 花子", "2025/6/12 14:00:00", "2025/6/12 15:00:05", "1 時間 5 秒", "hanako@example.jp", "", "開催者"]
        .map((c) => `"${c}"`)
        .join("\t"),
      ["佐世保 次郎", "2025/6/12 14:01:00", "2025/6/12 14:31:10", "30 分 10 秒", "", "jiro@example.jp", "出席者"]
        .map((c) => `"${c}"`)
        .join("\t"),
      "",
      "3. 会議中のアクティビティ",
      "",
    ].join("\r\n");
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const report = await readAttendanceReport(bytes, "file");
    expect(report.participants.map((p) => [p.name, p.email, p.seconds])).toEqual([
      ["長崎 花子", "hanako@example.jp", 3605],
      ["佐世保 次郎", "jiro@example.jp", 30 * 60 + 10],
    ]);
  });

  it('Webex: UTF-16LE, tab-delimited, times as ="…", durations in mins; a UTF-8 CSV too', async () => {
    const report = await readAttendanceReport(real("webex-attendee-report-built.csv"), "file");
    expect(report.format).toBe("webex");
    expect(report.participants.map((p) => [p.email, p.seconds])).toEqual([
      ["host@example.com", 204 * 60],
      ["user1@example.com", 201 * 60],
      ["user2@example.com", 8 * 60],
      ["user3@example.com", 197 * 60],
    ]);
    const csv = new TextEncoder().encode(
      "Name,Email,Join Time,Leave Time\nA B,a@example.jp,2021-01-27 15:00:00,2021-01-27 16:30:00\n",
    );
    expect((await readAttendanceReport(csv, "file")).format).toBe("webex");
    expect((await readAttendanceReport(csv, "file")).participants[0]).toMatchObject({
      email: "a@example.jp",
      seconds: 5400,
    });
  });

  it("says what a wrong file looks like, on the field it came in", async () => {
    const wrong = async (text: string, field = "file") =>
      readAttendanceReport(new TextEncoder().encode(text), field).then(
        () => null,
        (e) => e.fields,
      );
    expect(await wrong("Meeting ID,Topic,Start Time,User Email,Participants\n1,x,y,h@x.jp,3\n")).toMatchObject([
      { field: "file", code: "events-attendance-zoom-meeting-list" },
    ]);
    expect(await wrong("Full Name\tUser Action\tTimestamp\nA\tJoined\t1/27/2021, 3:00:00 PM\n")).toMatchObject([
      { code: "events-attendance-teams-old-list" },
    ]);
    for (const summary of [
      "1. Summary\nMeeting title\tx\n",
      "1. 要約\n会議のタイトル\tx\n",
      "1. 概要\n会議のタイトル\tx\n",
    ])
      expect(await wrong(summary)).toMatchObject([{ code: "events-attendance-teams-summary-only" }]);
    expect(await wrong("組織名,区分\n長崎,産\n", "upload")).toMatchObject([
      { field: "upload", code: "events-attendance-unknown-format", params: { header: "組織名, 区分" } },
    ]);
    // A Teams report with "Zoom" chosen: refused, naming what it looks like, not half-read.
    await expect(readAttendanceReport(real("teams-attendance-report.csv"), "file", "zoom")).rejects.toMatchObject({
      fields: [
        { field: "file", code: "events-attendance-other-format", params: { chosen: "Zoom", found: "Microsoft Teams" } },
      ],
    });
  });
});

describe("durations, times and names", () => {
  it("reads every way the tools write a duration", () => {
    expect(parseDuration("19m 26s", "seconds")).toBe(1166);
    expect(parseDuration("1h 2m 10s")).toBe(3730);
    expect(parseDuration("55m")).toBe(3300);
    expect(parseDuration("2 時間 4 分 11 秒")).toBe(7451);
    expect(parseDuration("204 mins")).toBe(12240);
    expect(parseDuration("128")).toBe(7680);
    expect(parseDuration("1:02:10")).toBe(3730);
    expect(parseDuration("soon")).toBeNull();
  });

  it("12-hour and 24-hour times give the same minute", () => {
    expect(parseClockTime("11/19/2021 12:01:59 PM")! - parseClockTime("11/19/2021 9:54:15 AM")!).toBe(
      parseClockTime("2021/11/19 12:01:59")! - parseClockTime("2021-11-19 09:54:15")!,
    );
    expect(parseClockTime("11/19/2021 12:30:00 AM")).toBe(parseClockTime("2021/11/19 0:30"));
    // Japanese 12-hour forms, the half before or after the time.
    expect(parseClockTime("2021/11/19 午後 12:01:59")).toBe(parseClockTime("11/19/2021 12:01:59 PM"));
    expect(parseClockTime("2021/11/19 1:05:00 午後")).toBe(parseClockTime("2021-11-19 13:05:00"));
    expect(parseClockTime("2021/11/19 午前 12:30")).toBe(parseClockTime("2021/11/19 0:30"));
  });

  it("normalises names: NFKC, no spaces of any width, katakana folded to hiragana", () => {
    expect(normaliseName("長崎　花子")).toBe(normaliseName("長崎 花子"));
    expect(normaliseName("ｻｾﾎﾞ ﾀﾛｳ")).toBe(normaliseName("させぼたろう"));
    expect(normaliseName("Ｔａｒｏ  YAMADA")).toBe("taroyamada");
  });

  it("matches by e-mail first, then by name; two registrations with one name are ambiguous", () => {
    const rows = matchAttendance(
      [
        { name: "x", otherNames: [], email: "a@x.jp", seconds: 600, joins: 1, guest: false },
        { name: "ｻｾﾎﾞ ﾀﾛｳ", otherNames: [], email: "", seconds: 3600, joins: 1, guest: true },
        {
          name: "iPhone（諫早 一郎）",
          otherNames: ["iPhone", "諫早 一郎"],
          email: "",
          seconds: 60,
          joins: 1,
          guest: true,
        },
        { name: "同名", otherNames: [], email: "", seconds: null, joins: 1, guest: false },
        { name: "知らない人", otherNames: [], email: "z@x.jp", seconds: 600, joins: 1, guest: false },
      ],
      [
        { id: "r1", name: "Alice", email: "A@x.jp", attendedOnline: false, walkIn: false },
        { id: "r2", name: "佐世保 太郎", email: "t@x.jp", attendedOnline: false, walkIn: false },
        { id: "r2b", name: "させぼ　たろう", email: "t2@x.jp", attendedOnline: false, walkIn: false },
        { id: "r3", name: "諫早　一郎", email: "i@x.jp", attendedOnline: false, walkIn: false },
        { id: "r4", name: "同名", email: "d1@x.jp", attendedOnline: false, walkIn: false },
        { id: "r5", name: "同 名", email: "d2@x.jp", attendedOnline: false, walkIn: false },
      ],
      5,
    );
    expect(rows.map((r) => [r.outcome, r.by, r.registrationId, r.candidates, r.longEnough])).toEqual([
      ["matched", "email", "r1", [], true],
      ["matched", "name", "r2b", [], true],
      ["matched", "name", "r3", [], false],
      ["ambiguous", null, null, ["r4", "r5"], true],
      ["unmatched", null, null, [], true],
    ]);
  });
});
