import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { member, secretariat } from "../../tests/fixtures/surveys.ts";
import { fixedClock } from "../shared/clock.ts";
import { computeCanonicalResults } from "./compute-canonical-results.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { getSurveyMapping } from "./get-survey-mapping.ts";
import { saveResponse } from "./save-response.ts";
import { setSurveyMapping } from "./set-survey-mapping.ts";

/** Another community's own questionnaire: other names, other codes, partly other wording. */
const ownDefinition = {
  locale: "ja",
  pages: [
    {
      name: "p1",
      elements: [
        {
          type: "dropdown",
          name: "gyoshu",
          title: "業種",
          isRequired: true,
          choices: [
            { value: "it", text: "情報通信業" },
            { value: "mfg", text: "製造業" },
            { value: "etc", text: "その他の業種" },
          ],
        },
        {
          type: "checkbox",
          name: "concerns",
          title: "心配なこと",
          choices: ["awareness|従業員の意識", "money|お金が足りない", "time|時間がない"],
        },
        {
          type: "matrix",
          name: "measures",
          title: "対策",
          rows: [
            { value: "bk", text: "バックアップ" },
            { value: "av", text: "ウイルス対策" },
          ],
          columns: [
            { value: "y", text: "実施している" },
            { value: "p", text: "一部実施している" },
            { value: "n", text: "実施していない" },
          ],
        },
        { type: "comment", name: "free", title: "ご意見" },
      ],
    },
  ],
};

describe.each(testDatabases)("question bank mapping on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-01T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });
  const talks = [
    { id: "t1", title: "講演1" },
    { id: "t2", title: "講演2" },
  ];

  it("maps a template survey automatically, and its canonical results are its own results", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    for (const a of nagasakiDemoAnswers(["t1", "t2"]))
      await saveResponse(deps(), { surveyId: id, answers: a, mode: "complete" });
    const mapping = await getSurveyMapping(deps(), secretariat, id);
    expect(mapping.questions.every((q) => q.source === "automatic" && q.canonical === q.name)).toBe(true);
    expect(mapping.questions.find((q) => q.name === "q16")!.rows.map((r) => r.canonical)).toEqual(["t1", "t2"]);
    expect(mapping.bank[0]).toMatchObject({ code: "q1", number: "Q1" });

    const canonical = await computeCanonicalResults(deps(), secretariat, id);
    const own = await computeResults(deps(), secretariat, id);
    expect(canonical.responses).toBe(28);
    expect(canonical.asked).toHaveLength(18);
    for (const name of ["q1", "q2", "q7", "q9", "q12", "q13"]) {
      const c = canonical.questions.find((q) => q.code === name)!;
      const o = own.questions.find((q) => q.name === name)!;
      expect(c.base, name).toBe(o.base);
      expect(
        c.choices.map((x) => [x.value, x.count]),
        name,
      ).toEqual(o.choices.map((x) => [x.value, x.count]));
    }
    // Q14 had no base (該当者無し): asked, with a base of 0, not "not asked".
    expect(canonical.questions.find((q) => q.code === "q14")).toMatchObject({ asked: true, base: 0 });
    const q6 = canonical.questions.find((q) => q.code === "q6")!;
    expect(q6.rows.find((r) => r.value === "employee-training")!.columns.map((c) => c.count)).toEqual(
      own.questions
        .find((q) => q.name === "q6")!
        .rows.find((r) => r.value === "employee-training")!
        .columns.map((c) => c.count),
    );

    // A question mapped to none by the staff is not asked; back to automatic, it is again.
    await setSurveyMapping(deps(), secretariat, id, { questions: [{ name: "q4", canonical: null }] });
    expect((await computeCanonicalResults(deps(), secretariat, id)).asked).not.toContain("q4");
    const reset = await setSurveyMapping(deps(), secretariat, id, { questions: [{ name: "q4", automatic: true }] });
    expect(reset.questions.find((q) => q.name === "q4")).toMatchObject({ canonical: "q4", source: "automatic" });

    // For sharing, small cells are hidden (Q1: 22 ict and small others pooled).
    const shared = await computeCanonicalResults(deps(), secretariat, id, { forSharing: true });
    expect(shared.suppressed).toBe(true);
    const q1 = shared.questions.find((q) => q.code === "q1")!;
    expect(q1.choices.find((c) => c.value === "ict")!.count).toBe(22);
    expect(q1.choices.filter((c) => c.suppressed).length).toBeGreaterThanOrEqual(2);
    expect(shared.questions.find((q) => q.code === "q13")).toMatchObject({ base: null, suppressed: true });
  });

  it("maps another community's own questions by code, by label and by hand, and counts them canonically", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "他地域の調査", definition: ownDefinition });
    const answers = [
      { gyoshu: "it", concerns: ["awareness", "money"], measures: { bk: "y", av: "p" } },
      { gyoshu: "it", concerns: ["money"], measures: { bk: "n" } },
      { gyoshu: "mfg", concerns: ["time"], free: "よろしく" },
      { gyoshu: "etc" },
    ];
    for (const a of answers) await saveResponse(deps(), { surveyId: id, answers: a, mode: "complete" });
    expect((await computeCanonicalResults(deps(), secretariat, id)).asked).toEqual([]);
    expect((await getSurveyMapping(deps(), secretariat, id)).questions[0]).toMatchObject({
      canonical: null,
      source: "none",
    });

    const saved = await setSurveyMapping(deps(), secretariat, id, {
      questions: [
        // Labels match the bank's 情報通信業 and 製造業; その他の業種 is said by hand.
        { name: "gyoshu", canonical: "q1", choices: { etc: "other" } },
        { name: "concerns", canonical: "q9", choices: { money: "budget", time: "budget" } },
        { name: "measures", canonical: "q6", rows: { bk: "backup", av: "malware-patching" } },
      ],
    });
    const gyoshu = saved.questions.find((q) => q.name === "gyoshu")!;
    expect(gyoshu).toMatchObject({ canonical: "q1", source: "staff" });
    expect(gyoshu.choices.map((c) => c.canonical)).toEqual(["ict", "manufacturing", "other"]);
    expect(saved.questions.find((q) => q.name === "measures")!.columns.map((c) => c.canonical)).toEqual([
      "done",
      "partly",
      "not-done",
    ]);

    const r = await computeCanonicalResults(deps(), secretariat, id, { locale: "en" });
    expect(r.asked.sort()).toEqual(["q1", "q6", "q9"]);
    const q1 = r.questions.find((q) => q.code === "q1")!;
    expect(q1).toMatchObject({
      asked: true,
      question: "gyoshu",
      base: 4,
      title: "Which industry is your organisation in? Choose the closest one.",
    });
    expect(q1.choices.find((c) => c.value === "ict")).toMatchObject({
      count: 2,
      percent: 50,
      label: "Information and communications",
    });
    expect(q1.choices.find((c) => c.value === "other")!.count).toBe(1);
    const q9 = r.questions.find((q) => q.code === "q9")!;
    // money and time both count as budget: the first respondent once, not twice.
    expect(q9.base).toBe(3);
    expect(q9.choices.find((c) => c.value === "budget")!.count).toBe(3);
    expect(q9.choices.find((c) => c.value === "awareness")!.count).toBe(1);
    const backup = r.questions.find((q) => q.code === "q6")!.rows.find((row) => row.value === "backup")!;
    expect(backup.base).toBe(2);
    expect(backup.columns.find((c) => c.value === "done")!.count).toBe(1);
    expect(r.questions.find((q) => q.code === "q2")).toMatchObject({ asked: false, base: null, choices: [] });
    // Four respondents: for sharing, no figure at all.
    const shared = await computeCanonicalResults(deps(), secretariat, id, { forSharing: true });
    expect(shared.responses).toBeNull();
    expect(shared.questions.find((q) => q.code === "q1")).toMatchObject({ base: null, suppressed: true });
  });

  it("refuses a mapping that could not count, names each problem, and writes none of it", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "他地域の調査", definition: ownDefinition });
    const attempt = setSurveyMapping(deps(), secretariat, id, {
      questions: [
        { name: "gyoshu", canonical: "q1" },
        { name: "measures", canonical: "q2" },
        { name: "concerns", canonical: "q9", choices: { money: "lottery" } },
        { name: "nope", canonical: "q3" },
        { name: "free", canonical: "q1" },
      ],
    });
    await expect(attempt).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        expect.objectContaining({ field: "questions.1.canonical", code: "survey-mapping-kind" }),
        expect.objectContaining({ field: "questions.2.choices.money", code: "choice" }),
        expect.objectContaining({ field: "questions.3.name", code: "survey-mapping-question" }),
        expect.objectContaining({ field: "questions.4.canonical", code: "survey-mapping-kind" }),
      ]),
    });
    await expect(
      setSurveyMapping(deps(), secretariat, id, {
        questions: [{ name: "measures", canonical: "q6", rows: { bk: "backup", av: "backup" } }],
      }),
    ).rejects.toMatchObject({ fields: [{ field: "questions.0.rows", code: "survey-mapping-rows" }] });
    const { id: template } = await createSurvey(deps(), secretariat, { title: "標準", template: "regional-standard" });
    await expect(
      setSurveyMapping(deps(), secretariat, template, { questions: [{ name: "q5", canonical: "q4" }] }),
    ).rejects.toMatchObject({ fields: [{ field: "questions.0.canonical", code: "survey-mapping-taken" }] });
    expect((await getSurveyMapping(deps(), secretariat, id)).questions.every((q) => q.canonical === null)).toBe(true);
    expect(await t.db.selectFrom("survey_question_mappings").selectAll().execute()).toEqual([]);
  });

  it("is the secretariat's", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard" });
    await expect(getSurveyMapping(deps(), member, id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      setSurveyMapping(deps(), member, id, { questions: [{ name: "q1", canonical: null }] }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(computeCanonicalResults(deps(), member, id)).rejects.toMatchObject({ code: "forbidden" });
  });
});
