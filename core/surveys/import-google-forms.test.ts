import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { encodeCp932 } from "../files/text-encoding.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { parseFormTimestamp } from "./form-timestamps.ts";
import { importResponses, splitChoices } from "./import-responses.ts";
import { secretariat } from "../../tests/fixtures/surveys.ts";
import { surveysTestDeps } from "../../tests/fixtures/surveys.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/real/google-forms/${name}`, import.meta.url)));

describe("Google Forms timestamps", () => {
  it("reads the Japanese form as Japan time and the US form in the zone chosen", () => {
    expect(parseFormTimestamp("2026/07/16 14:40:30", "Asia/Tokyo")?.toISOString()).toBe("2026-07-16T05:40:30.000Z");
    expect(parseFormTimestamp("2026/7/6 9:05", "Asia/Tokyo")?.toISOString()).toBe("2026-07-06T00:05:00.000Z");
    // April: New York is on daylight time (UTC−4); January: standard time (UTC−5).
    expect(parseFormTimestamp("4/27/2021 11:02:10", "America/New_York")?.toISOString()).toBe(
      "2021-04-27T15:02:10.000Z",
    );
    expect(parseFormTimestamp("1/27/2021 11:02:10", "America/New_York")?.toISOString()).toBe(
      "2021-01-27T16:02:10.000Z",
    );
    expect(parseFormTimestamp("4/27/2021 11:02:10 PM", "UTC")?.toISOString()).toBe("2021-04-27T23:02:10.000Z");
    expect(parseFormTimestamp("4/27/2021 12:02:10 AM", "UTC")?.toISOString()).toBe("2021-04-27T00:02:10.000Z");
    expect(parseFormTimestamp("2021-04-27T11:02:10+09:00", "UTC")?.toISOString()).toBe("2021-04-27T02:02:10.000Z");
    // Full-width digits typed or converted by Excel are the same digits.
    expect(parseFormTimestamp("２０２６/０７/１６ １４:４０:３０", "Asia/Tokyo")?.toISOString()).toBe(
      "2026-07-16T05:40:30.000Z",
    );
  });

  it("reads the form's own download: 12-hour 午前/午後 (or AM/PM) with the offset it names, whatever zone was chosen", () => {
    // As public readers of Google Forms' CSV download quote it (docs/real-world-files.md).
    expect(parseFormTimestamp("2024/01/07 7:41:40 午後 GMT+9", "UTC")?.toISOString()).toBe("2024-01-07T10:41:40.000Z");
    expect(parseFormTimestamp("2020/07/27 3:15:06 午後 GMT+9", "Asia/Tokyo")?.toISOString()).toBe(
      "2020-07-27T06:15:06.000Z",
    );
    expect(parseFormTimestamp("2026/08/09 12:11:00 午後 GMT+9", "UTC")?.toISOString()).toBe("2026-08-09T03:11:00.000Z");
    expect(parseFormTimestamp("2026/08/09 12:11:00 午前 GMT+9", "UTC")?.toISOString()).toBe("2026-08-08T15:11:00.000Z");
    expect(parseFormTimestamp("2026/08/09 午後 1:05:00", "Asia/Tokyo")?.toISOString()).toBe("2026-08-09T04:05:00.000Z");
    expect(parseFormTimestamp("2021/04/27 11:02:10 AM GMT-4", "Asia/Tokyo")?.toISOString()).toBe(
      "2021-04-27T15:02:10.000Z",
    );
    expect(parseFormTimestamp("4/27/2021 11:02:10 PM GMT-04:00", "UTC")?.toISOString()).toBe(
      "2021-04-28T03:02:10.000Z",
    );
    expect(parseFormTimestamp("2021/04/27 11:02:10 GMT+5:30", "UTC")?.toISOString()).toBe("2021-04-27T05:32:10.000Z");
    // A 12-hour reading of 13 o'clock, and an offset beyond any zone's, are no times.
    expect(parseFormTimestamp("2024/01/07 13:41:40 午後 GMT+9", "UTC")).toBeNull();
    expect(parseFormTimestamp("2024/01/07 1:41:40 午後 GMT+19", "UTC")).toBeNull();
  });

  it("refuses what is no real date and time", () => {
    for (const text of [
      "2026/02/30 10:00:00",
      "13/27/2021 11:02:10",
      "2026/07/16 24:00:00",
      "yesterday",
      "",
      "4/27/2021",
    ])
      expect(parseFormTimestamp(text, "Asia/Tokyo"), text).toBeNull();
  });
});

describe("Google Forms checkbox cells", () => {
  const options = [
    { value: "yes-sometimes", label: "はい, ときどき" },
    { value: "no", label: "いいえ" },
    { value: "a", label: "A, B, and C" },
    { value: "ab", label: "A" },
  ];
  it("keeps a label that holds a comma whole, and joins the rest as the other text", () => {
    expect(splitChoices(options, "はい, ときどき, いいえ")).toEqual({ chosen: ["yes-sometimes", "no"], others: [] });
    expect(splitChoices(options, "A, B, and C, A")).toEqual({ chosen: ["a", "ab"], others: [] });
    expect(splitChoices(options, "いいえ, 月に一度, 二度")).toEqual({ chosen: ["no"], others: ["月に一度, 二度"] });
    expect(splitChoices(options, "A, B")).toEqual({ chosen: ["ab"], others: ["B"] });
    // Joined with ";" (every part a label): read so; otherwise the comma reading stands.
    expect(splitChoices(options, "はい, ときどき;いいえ")).toEqual({ chosen: ["yes-sometimes", "no"], others: [] });
    expect(splitChoices(options, "いいえ, 月に一度; 二度")).toEqual({ chosen: ["no"], others: ["月に一度; 二度"] });
  });
});

describe.each(testDatabases)("Google Forms import on %s", (kind) => {
  const t = useTestDatabase(kind);
  const deps = () => surveysTestDeps(t, "2026-08-01T00:00:00.000Z");

  it("imports a real US export: its timestamps become the completion times, in the zone chosen", async () => {
    const { id } = await createSurvey(deps(), secretariat, {
      title: "Hot dogs",
      definition: {
        pages: [
          {
            name: "p1",
            elements: [
              { type: "radiogroup", name: "year", title: "What year are you in?", choices: ["1", "2", "3", "4"] },
              { type: "radiogroup", name: "sandwich", title: "Is hotdog a sandwich?", choices: ["Yes", "No"] },
            ],
          },
        ],
      },
    });
    const file = fixture("us-hotdog-fa25.csv");
    const preview = await importResponses(deps(), secretariat, id, { file, timeZone: "America/New_York" });
    expect(preview).toMatchObject({ format: "csv", rows: 27, valid: 27, invalid: [], timeZone: "America/New_York" });
    expect(preview.mapping[0]).toMatchObject({ header: "Timestamp", question: null, timestamp: true });
    // 8/29/2025 17:17:57 EDT is the earliest, 9/1/2025 12:18:42 EDT the latest.
    expect(preview.completedRange).toEqual({ first: "2025-08-29T21:17:57.000Z", last: "2025-09-01T16:18:42.000Z" });

    const done = await importResponses(deps(), secretariat, id, { file, timeZone: "America/New_York", commit: true });
    expect(done.imported).toBe(27);
    const stored = await t.db
      .selectFrom("survey_responses")
      .select(["completed_at", "created_at", "answers_json"])
      .where("survey_id", "=", id)
      .orderBy("completed_at")
      .execute();
    expect(stored[0]).toMatchObject({
      completed_at: "2025-08-29T21:17:57.000Z",
      created_at: "2025-08-29T21:17:57.000Z",
    });
    expect(JSON.parse(stored[0]!.answers_json)).toEqual({ year: "4", sandwich: "Yes" });
    expect((await computeResults(deps(), secretariat, id)).responses).toBe(27);
  });

  it("reads a Japanese export in CP932 with a multi-line header, a grid, a label with a comma and a bad timestamp", async () => {
    const { id } = await createSurvey(deps(), secretariat, {
      title: "研修アンケート",
      definition: {
        pages: [
          {
            name: "p1",
            elements: [
              {
                type: "checkbox",
                name: "when",
                title: "参加できる時間帯\n（複数選択可）",
                choices: [
                  { value: "weekday", text: "平日, 夜間" },
                  { value: "weekend", text: "土日" },
                ],
                showOtherItem: true,
              },
              {
                type: "matrix",
                name: "grade",
                title: "満足度",
                columns: [
                  { value: "good", text: "良い" },
                  { value: "bad", text: "悪い" },
                ],
                rows: [
                  { value: "content", text: "内容" },
                  { value: "venue", text: "会場〜設備" },
                ],
              },
            ],
          },
        ],
      },
    });
    const csv = [
      'タイムスタンプ,"参加できる時間帯\n（複数選択可）",満足度 [内容],満足度 [会場〜設備]',
      '2026/07/16 14:40:30,"平日, 夜間, 土日",良い,悪い',
      '2026/07/16 15:02:11,"土日, 月に一度, 二度",悪い,良い',
      "2026/07/32 09:00:00,土日,良い,良い",
      "2027/01/01 09:00:00,土日,良い,良い",
    ].join("\r\n");
    // What Japanese Excel writes on "CSV (コンマ区切り)": CP932, 〜 stored as ～ (0x8160).
    const file = encodeCp932(csv);
    const preview = await importResponses(deps(), secretariat, id, { file });
    expect(preview.mapping.map((m) => [m.question, m.row, m.timestamp ?? false])).toEqual([
      [null, null, true],
      ["when", null, false],
      ["grade", "content", false],
      ["grade", "venue", false],
    ]);
    expect(preview).toMatchObject({ rows: 4, valid: 2, timeZone: "Asia/Tokyo" });
    // Rows are named as the spreadsheet shows them (the header is row 1), the column by its header.
    expect(preview.invalid.map((r) => [r.row, r.errors.map((e) => [e.question, e.code])])).toEqual([
      [4, [["タイムスタンプ", "survey-import-timestamp"]]],
      [5, [["タイムスタンプ", "survey-import-timestamp-future"]]],
    ]);
    expect(preview.invalid[0]!.errors[0]!.message).toContain("2026/07/32 09:00:00");
    await importResponses(deps(), secretariat, id, { content: preview.content, commit: true });
    const stored = await t.db
      .selectFrom("survey_responses")
      .select(["completed_at", "answers_json"])
      .where("survey_id", "=", id)
      .orderBy("completed_at")
      .execute();
    expect(stored.map((s) => [s.completed_at, JSON.parse(s.answers_json)])).toEqual([
      ["2026-07-16T05:40:30.000Z", { when: ["weekday", "weekend"], grade: { content: "good", venue: "bad" } }],
      [
        "2026-07-16T06:02:11.000Z",
        { when: ["weekend", "other"], "when-Comment": "月に一度, 二度", grade: { content: "bad", venue: "good" } },
      ],
    ]);
  });

  it("refuses an unknown time zone on its field", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "x", template: "regional-standard" });
    await expect(
      importResponses(deps(), secretariat, id, {
        content: "Timestamp,Q1\n4/27/2021 11:02:10,a",
        timeZone: "Mars/Olympus" as "UTC",
      }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "timeZone" }] });
  });
});
