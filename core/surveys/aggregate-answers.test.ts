import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { aggregateAnswers, crossTabulate, percentOf } from "./aggregate-answers.ts";
import type { Answers } from "./check-answers.ts";
import { checkAnswers } from "./check-answers.ts";
import { computeResults } from "./compute-results.ts";
import { deleteResponse } from "./delete-response.ts";
import { importResponses } from "./import-responses.ts";
import { loadCompleteAnswers } from "./load-answers.ts";
import { createSurvey } from "./create-survey.ts";
import { listQuestions, parseDefinition } from "./definition.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { saveResponse } from "./save-response.ts";
import { regionalStandardDefinition } from "./templates/regional-standard.ts";
import { member, secretariat } from "../../tests/fixtures/surveys.ts";

const talks = [
  { id: "t1", title: "講演1" },
  { id: "t2", title: "講演2" },
];
const definition = parseDefinition(regionalStandardDefinition({ talks }));
const questions = listQuestions(definition);
const byName = (name: string) => questions.find((q) => q.name === name)!;

describe("counting rules (questionnaire.md)", () => {
  it("rounds percent to one decimal of count / base, and gives null for an empty base", () => {
    expect(percentOf(12, 27)).toBe(44.4);
    expect(percentOf(11, 27)).toBe(40.7);
    expect(percentOf(4, 7)).toBe(57.1);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(0, 0)).toBeNull();
  });

  it("bases a question on the responses that were shown it and answered it", () => {
    const r = aggregateAnswers(questions, [
      { q10: ["never"], q12: "no", q14: ["cost"] },
      { q10: ["never"], q12: "maybe", q13: ["no-time"] },
      { q10: ["local"] },
    ]);
    const q = (n: string) => r.questions.find((x) => x.name === n)!;
    expect(q("q10").base).toBe(3);
    expect(q("q12").base).toBe(2);
    expect(q("q13").base).toBe(1);
    expect(q("q14").base).toBe(1);
    expect(q("q11").base).toBe(0);
    expect(q("q11").texts).toEqual([]);
  });

  it("shows an empty base as no percentages at all (該当者無し), not 0%", () => {
    const r = aggregateAnswers(questions, [{ q10: ["local"] }]);
    const q14 = r.questions.find((x) => x.name === "q14")!;
    expect(q14.base).toBe(0);
    expect(q14.choices.every((c) => c.count === 0 && c.percent === null)).toBe(true);
  });

  it("lets multiple-choice percentages exceed 100% in total, while a matrix row adds up to 100%", () => {
    const r = aggregateAnswers(questions, [
      { q9: ["cannot-respond", "no-monitoring"] },
      { q9: ["cannot-respond"] },
      { q6: { backup: "done", policy: "partly" } },
      { q6: { backup: "not-done" } },
    ]);
    const q9 = r.questions.find((x) => x.name === "q9")!;
    expect(q9.choices.reduce((s, c) => s + c.percent!, 0)).toBe(150);
    const backup = r.questions.find((x) => x.name === "q6")!.rows.find((row) => row.value === "backup")!;
    expect(backup.base).toBe(2);
    expect(backup.columns.reduce((s, c) => s + c.percent!, 0)).toBe(100);
    const policy = r.questions.find((x) => x.name === "q6")!.rows.find((row) => row.value === "policy")!;
    expect(policy).toMatchObject({ base: 1 });
  });

  it("adds counts for combined categories and divides once (57.1%, not 28.6 + 28.6)", () => {
    const r = aggregateAnswers(questions, nagasakiDemoAnswers(["t1", "t2"]));
    const q12 = r.questions.find((x) => x.name === "q12")!;
    expect(q12.choices.find((c) => c.value === "definitely")!.percent).toBe(28.6);
    expect(q12.choices.find((c) => c.value === "maybe")!.percent).toBe(28.6);
    expect(q12.combined).toEqual([{ value: "willing", label: "参加したい・検討したい", count: 4, percent: 57.1 }]);
    const q16 = r.questions.find((x) => x.name === "q16")!;
    expect(q16.rows.map((row) => row.combined[0])).toEqual([
      { value: "useful-or-better", label: "有益であった以上", count: 8, percent: 80 },
      { value: "useful-or-better", label: "有益であった以上", count: 9, percent: 90 },
    ]);
  });

  it("lists 'other' texts and free texts", () => {
    const r = aggregateAnswers(questions, [
      { q1: "other", "q1-Comment": "団体" },
      { q10: ["local"], q11: "NISAの勉強会" },
    ]);
    expect(r.questions.find((x) => x.name === "q1")!.other).toEqual(["団体"]);
    expect(r.questions.find((x) => x.name === "q1")!.choices.at(-1)).toMatchObject({
      value: "other",
      count: 1,
      percent: 100,
    });
    expect(r.questions.find((x) => x.name === "q11")!.texts).toEqual(["NISAの勉強会"]);
  });

  it("cross-tabulates by a single-choice question and suppresses groups and cells under 5 when asked", () => {
    const answers = nagasakiDemoAnswers(["t1", "t2"]);
    const open = crossTabulate(questions, answers, "q2", "q6", { suppress: false });
    const small = open.groups.find((g) => g.value === "1-5")!;
    expect(small.base).toBe(3);
    expect(small.result.rows[0]!.base).toBe(3);
    const hidden = crossTabulate(questions, answers, "q2", "q6", { suppress: true });
    const smallHidden = hidden.groups.find((g) => g.value === "1-5")!;
    expect(smallHidden).toMatchObject({ base: null, suppressed: true });
    expect(
      smallHidden.result.rows.every(
        (row) => row.base === null && row.columns.every((c) => c.count === null && c.percent === null),
      ),
    ).toBe(true);
    const mid = hidden.groups.find((g) => g.value === "101-300")!; // 6 respondents
    expect(mid.base).toBe(6);
    for (const row of mid.result.rows) for (const c of row.columns) expect(c.count === null || c.count >= 5).toBe(true);
    expect(hidden.groups.flatMap((g) => g.result.other)).toEqual([]);
  });
});

/** Random answer sets over the template, cleaned by the same server check as real answers. */
const q = (name: string) => byName(name);
const pick = (name: string) => fc.constantFrom(...q(name).choices.map((c) => c.value));
const some = (name: string) =>
  fc.subarray(
    q(name).choices.map((c) => c.value),
    { minLength: 1 },
  );
const matrix = (name: string) =>
  fc.record(
    Object.fromEntries(q(name).rows.map((r) => [r.value, fc.constantFrom(...q(name).columns.map((c) => c.value))])),
    { requiredKeys: [] },
  );
const answerSet: fc.Arbitrary<Answers> = fc
  .record(
    {
      q1: pick("q1"),
      q2: pick("q2"),
      q3: pick("q3"),
      q4: pick("q4"),
      q5: pick("q5"),
      q6: matrix("q6"),
      q7: some("q7"),
      q8: matrix("q8"),
      q9: some("q9"),
      q10: some("q10"),
      q11: fc.string({ maxLength: 5 }),
      q12: pick("q12"),
      q13: some("q13"),
      q14: some("q14"),
      q15: some("q15"),
      q16_attended: pick("q16_attended"),
      q16: matrix("q16"),
      q17: some("q17"),
    },
    { requiredKeys: [] },
  )
  .map((raw) => checkAnswers(definition, raw).data);

describe("aggregation property", () => {
  it("every count equals a naive recount, and every matrix row sums to 100% ± rounding", () => {
    fc.assert(
      fc.property(fc.array(answerSet, { maxLength: 40 }), (sets) => {
        const r = aggregateAnswers(questions, sets);
        for (const result of r.questions) {
          const answered = sets.filter((a) => a[result.name] !== undefined);
          expect(result.base).toBe(answered.length);
          for (const c of result.choices) {
            const naive = answered.filter((a) =>
              Array.isArray(a[result.name])
                ? (a[result.name] as string[]).includes(c.value)
                : a[result.name] === c.value,
            ).length;
            expect(c.count).toBe(naive);
            expect(c.percent).toBe(answered.length ? Math.round((1000 * naive) / answered.length) / 10 : null);
          }
          for (const row of result.rows) {
            const inRow = answered.filter((a) => (a[result.name] as Record<string, string>)[row.value] !== undefined);
            expect(row.base).toBe(inRow.length);
            for (const c of row.columns)
              expect(c.count).toBe(
                inRow.filter((a) => (a[result.name] as Record<string, string>)[row.value] === c.value).length,
              );
            if (row.base)
              expect(Math.abs(row.columns.reduce((s, c) => s + c.percent!, 0) - 100)).toBeLessThanOrEqual(
                0.05 * row.columns.length,
              );
          }
        }
      }),
      // 25 random sets of up to 40 answers: each run is a full recount, and its cost is survey-core's checks.
      { numRuns: 25 },
    );
  }, 120_000); // a generous limit for loaded CI machines, not a timing assertion
});

describe.each(testDatabases)("computeResults on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-01T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });

  it("counts only complete responses, cross-tabulates for the secretariat, suppresses for sharing, refuses others", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    const answers = nagasakiDemoAnswers(["t1", "t2"]);
    for (const a of answers.slice(0, 12)) await saveResponse(deps(), { surveyId: id, answers: a, mode: "complete" });
    await saveResponse(deps(), {
      surveyId: id,
      answers: { q1: "ict" },
      mode: "partial",
      pages: [0],
      resumeSecret: "resume-secret-abcdefghijklmnop",
    });
    const r = await computeResults(deps(), secretariat, id, { by: "q4", crossQuestion: "q1" });
    expect(r.responses).toBe(12);
    expect(r.questions.find((x) => x.name === "q1")!.base).toBe(12);
    const critical = r.crossTabs[0]!.groups.find((g) => g.value === "critical")!;
    expect(critical.base).toBe(12);
    expect(critical.result.choices.find((c) => c.value === "ict")!.count).toBe(12);
    const shared = await computeResults(deps(), secretariat, id, { by: "q4", crossQuestion: "q1", forSharing: true });
    expect(
      shared.crossTabs[0]!.groups.find((g) => g.value === "critical")!.result.choices.find(
        (c) => c.value === "manufacturing",
      ),
    ).toMatchObject({ count: null, suppressed: true });
    // Whole-sample figures keep their base however small (the report's Q13 "of 4").
    expect(shared.questions.find((x) => x.name === "q12")!.base).toBe(r.questions.find((x) => x.name === "q12")!.base);
    await expect(computeResults(deps(), member, id)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("keeps the running counters equal to a recount of the stored answers, through imports and deletions", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    const sets = fc.sample(answerSet, { numRuns: 40, seed: 20210127 });
    const saved = [];
    for (const a of sets.slice(0, 25)) {
      try {
        saved.push(await saveResponse(deps(), { surveyId: id, answers: a, mode: "complete" }));
      } catch {
        /* incomplete random sets are refused */
      }
    }
    await importResponses(deps(), secretariat, id, {
      content: JSON.stringify([...sets.slice(25), ...nagasakiDemoAnswers(["t1", "t2"])]),
      commit: true,
    });
    for (const s of saved.slice(0, 3)) await deleteResponse(deps(), secretariat, id, s.id);
    const fromCounters = await computeResults(deps(), secretariat, id);
    const recount = aggregateAnswers(questions, await loadCompleteAnswers(t.db, id));
    expect(fromCounters.responses).toBe(recount.responses);
    expect(fromCounters.questions).toEqual(recount.questions);
    await expect(computeResults(deps(), secretariat, id, { by: "q6" })).rejects.toMatchObject({
      code: "validation-failed",
    });
  });
});
