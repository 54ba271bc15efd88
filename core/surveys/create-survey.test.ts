import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { member, regionalStandardNames, secretariat, surveysTestDeps } from "../../tests/fixtures/surveys.ts";
import { createSurvey } from "./create-survey.ts";
import { createTalkFeedbackSurvey } from "./create-talk-feedback-survey.ts";
import { listQuestions, parseDefinition } from "./definition.ts";
import { regionalStandardDefinition } from "./templates/regional-standard.ts";

describe("regional-standard template", () => {
  it("has Q1–Q17 with the questionnaire's names, in order", () => {
    const names = listQuestions(
      parseDefinition(regionalStandardDefinition({ talks: [{ id: "t1", title: "講演" }] })),
    ).map((q) => q.name);
    expect(names).toEqual(regionalStandardNames);
  });

  it("labels every choice in Japanese and English, and keeps the codes", () => {
    const def = parseDefinition(regionalStandardDefinition());
    const ja = listQuestions(def, "ja");
    const en = listQuestions(def, "en");
    expect(ja.find((q) => q.name === "q2")!.choices.map((c) => c.value)).toEqual([
      "1-5",
      "6-20",
      "21-50",
      "51-100",
      "101-300",
      "301-1000",
      "1001+",
    ]);
    expect(ja.find((q) => q.name === "q3")!.choices).toHaveLength(48);
    expect(ja.find((q) => q.name === "q1")!.choices.find((c) => c.value === "ict")!.label).toBe("情報通信業");
    expect(en.find((q) => q.name === "q1")!.choices.find((c) => c.value === "ict")!.label).toBe(
      "Information and communications",
    );
    expect(ja.find((q) => q.name === "q11")!.required).toBe(false);
    expect(ja.filter((q) => q.hasOther).map((q) => q.name)).toEqual([
      "q1",
      "q5",
      "q7",
      "q9",
      "q10",
      "q13",
      "q14",
      "q15",
      "q17",
    ]);
    for (const q of en)
      for (const c of [...q.choices, ...q.rows, ...q.columns]) expect(c.label).not.toMatch(/[ぁ-んァ-ン一-龯]/);
  });
});

describe.each(testDatabases)("createSurvey on %s", (kind) => {
  const t = useTestDatabase(kind);
  const deps = () => surveysTestDeps(t, "2021-01-20T00:00:00.000Z");

  it("creates the talk-feedback survey for an event, one row per talk", async () => {
    const { id } = await createTalkFeedbackSurvey(deps(), secretariat, {
      eventId: "e1",
      title: "セミナーアンケート",
      talks: [
        { id: "s1", title: "県内の状況" },
        { id: "s2", title: "最新の攻撃" },
      ],
    });
    const row = await t.db.selectFrom("surveys").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ template: "talk-feedback", event_id: "e1", access: "public", status: "open" });
    const q16 = listQuestions(JSON.parse(row.definition_json)).find((q) => q.name === "q16")!;
    expect(q16.rows.map((r) => r.value)).toEqual(["s1", "s2"]);
    expect(q16.columns.map((c) => c.value)).toEqual([
      "very-useful",
      "useful",
      "neutral",
      "not-very-useful",
      "not-useful",
    ]);
    const audit = await t.db.selectFrom("audit_events").select("action").where("entity_id", "=", id).execute();
    expect(audit.map((a) => a.action)).toEqual(["survey.create"]);
  });

  it("refuses anyone but the secretariat, and writes nothing", async () => {
    await expect(createSurvey(deps(), member, { title: "x", template: "regional-standard" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await expect(
      createSurvey(deps(), { kind: "anonymous" }, { title: "x", template: "regional-standard" }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses a definition with an unsupported question type", async () => {
    await expect(
      createSurvey(deps(), secretariat, {
        title: "x",
        definition: { pages: [{ elements: [{ type: "signaturepad", name: "sig" }] }] },
      }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [
        { field: "sig", code: "survey-question-type-signature", params: { question: "sig", type: "signaturepad" } },
      ],
    });
  });

  it("refuses closing before opening", async () => {
    await expect(
      createSurvey(deps(), secretariat, {
        title: "x",
        template: "regional-standard",
        opensAt: "2021-02-23T00:00:00Z",
        closesAt: "2021-01-27T00:00:00Z",
      }),
    ).rejects.toMatchObject({ code: "validation-failed" });
  });
});
