import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import type { QuestionResult } from "./aggregate-answers.ts";
import { computeResults } from "./compute-results.ts";
import { secretariat } from "../../tests/fixtures/surveys.ts";
import { NAGASAKI_SURVEY_TITLE, SEMINAR_FEEDBACK_TITLE, surveysDemo } from "./demo.ts";
import { noStorage } from "../../tests/support/storage.ts";

const choice = (q: QuestionResult, value: string) => q.choices.find((c) => c.value === value)!;
const combined = (q: QuestionResult, key: string) => q.combined.find((c) => c.value === key)!;
const cell = (q: QuestionResult, row: string, column: string) =>
  q.rows.find((r) => r.value === row)!.columns.find((c) => c.value === column)!;

describe.each(testDatabases)("the FY2020 Nagasaki demo survey on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2026-11-26T00:00:00.000Z");

  it("reproduces every figure of section 4.2 of the report", async () => {
    const context = {
      db: t.db,
      dialect: t.dialect,
      clock,
      actor: { kind: "system", name: "demo" } as const,
      accounts: {} as never,
      storage: noStorage,
      log: () => {},
    };
    await surveysDemo.run(context);
    await surveysDemo.run(context); // idempotent
    const survey = await t.db.selectFrom("surveys").select("id").where("title", "=", NAGASAKI_SURVEY_TITLE).execute();
    expect(survey).toHaveLength(1);
    const r = await computeResults({ db: t.db, dialect: t.dialect, clock, baseUrl: "" }, secretariat, survey[0]!.id);
    const q = Object.fromEntries(r.questions.map((x) => [x.name, x]));
    expect(r.responses).toBe(28);
    expect(choice(q.q1!, "ict")).toMatchObject({ count: 22, percent: 78.6 });
    expect(q.q1!.other).toEqual(["知的財産活用に関する支援機関", "企業の技術指導", "団体"]);
    expect(combined(q.q2!, "up-to-100")).toMatchObject({ label: "100名以下", count: 17, percent: 60.7 });
    expect(choice(q.q3!, "nagasaki")).toMatchObject({ count: 25, percent: 89.3 });
    expect(choice(q.q4!, "none")).toMatchObject({ count: 0, percent: 0 });
    expect(q.q4!.base).toBe(28);
    expect(choice(q.q5!, "executive")).toMatchObject({ count: 9, percent: 32.1 });
    expect(cell(q.q6!, "employee-training", "done")).toMatchObject({ count: 21, percent: 75 });
    expect(cell(q.q6!, "supply-chain", "done")).toMatchObject({ count: 7, percent: 25 });
    expect(q.q7!.base).toBe(27);
    expect(choice(q.q7!, "executive-order")).toMatchObject({ count: 12, percent: 44.4 });
    expect(choice(q.q7!, "customer-request")).toMatchObject({ count: 11, percent: 40.7 });
    expect(q.q7!.other).toEqual(["会社の信用性確保", "パートナー企業からのセキュリティ要綱確認"]);
    expect(cell(q.q8!, "public-web", "often")).toMatchObject({ count: 14, percent: 50 });
    expect(cell(q.q8!, "community", "often")).toMatchObject({ count: 5, percent: 17.9 });
    expect(choice(q.q9!, "cannot-respond")).toMatchObject({ count: 15, percent: 53.6 });
    expect(choice(q.q9!, "no-monitoring")).toMatchObject({ count: 12, percent: 42.9 });
    expect(choice(q.q10!, "local")).toMatchObject({ count: 16, percent: 57.1 });
    expect(choice(q.q10!, "never")).toMatchObject({ count: 7, percent: 25 });
    expect(q.q10!.other).toEqual(["会社内で実施"]);
    expect(q.q11!.base).toBe(6);
    expect(q.q11!.texts).toHaveLength(6);
    expect(q.q11!.texts[0]).toContain("NISA主催の勉強会");
    expect(q.q12!.base).toBe(7);
    expect(combined(q.q12!, "willing")).toMatchObject({ count: 4, percent: 57.1 });
    expect(q.q13!.base).toBe(4);
    expect(choice(q.q13!, "no-topic")).toMatchObject({ count: 2, percent: 50 });
    expect(choice(q.q13!, "no-time")).toMatchObject({ count: 1, percent: 25 });
    expect(q.q14!.base).toBe(0);
    expect(q.q14!.choices.every((c) => c.count === 0 && c.percent === null)).toBe(true);
    expect(choice(q.q15!, "by-industry-size")).toMatchObject({ count: 20, percent: 71.4 });
    expect(choice(q.q17!, "latest-threats")).toMatchObject({ count: 21, percent: 75 });
    expect(choice(q.q17!, "work-style")).toMatchObject({ count: 20, percent: 71.4 });
    expect(q.q17!.other).toHaveLength(3);
    const feedback = await t.db
      .selectFrom("surveys")
      .select("id")
      .where("title", "=", SEMINAR_FEEDBACK_TITLE)
      .execute();
    expect(feedback).toHaveLength(1);
    const f = await computeResults({ db: t.db, dialect: t.dialect, clock, baseUrl: "" }, secretariat, feedback[0]!.id);
    expect(f.responses).toBe(70);
    expect(f.questions[0]!.rows.map((row) => row.combined[0]!.percent)).toEqual([84.3, 90]);
    // Every matrix row's columns add up to 100% of that row's base.
    for (const m of [q.q6!, q.q8!, q.q16!])
      for (const row of m.rows) {
        expect(row.columns.reduce((s, c) => s + c.count!, 0)).toBe(row.base);
      }
  });
});
