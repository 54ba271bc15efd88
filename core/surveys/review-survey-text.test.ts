import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { nagasakiDemoAnswers } from "./demo-answers.ts";
import { exportResults } from "./export-results.ts";
import { importResponses } from "./import-responses.ts";
import { reviewSurveyText } from "./review-survey-text.ts";
import { rebuildTallies } from "./tallies.ts";
import { listQuestions } from "./definition.ts";
import { findSurvey } from "./find-survey.ts";
import { member, secretariat, surveysTestDeps, twoTalks } from "../../tests/fixtures/surveys.ts";

const talks = twoTalks();

describe.each(testDatabases)("free texts in views for sharing on %s", (kind) => {
  const t = useTestDatabase(kind);
  const deps = () => surveysTestDeps(t);

  it("are hidden until the secretariat approves or redacts them; the decision is audited and survives a rebuild", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "調査", template: "regional-standard", talks });
    const answers = [
      ...nagasakiDemoAnswers(["t1", "t2"]).slice(0, 3),
      { ...nagasakiDemoAnswers(["t1", "t2"])[10]!, q11: "株式会社長崎精機の勉強会" },
      { ...nagasakiDemoAnswers(["t1", "t2"])[10]!, q11: "商工会の勉強会" },
      { ...nagasakiDemoAnswers(["t1", "t2"])[10]!, q11: "自社の勉強会" },
    ];
    await importResponses(deps(), secretariat, id, { content: JSON.stringify(answers), commit: true });
    const own = await computeResults(deps(), secretariat, id);
    expect(own.questions.find((q) => q.name === "q11")!.texts).toEqual(
      expect.arrayContaining(["株式会社長崎精機の勉強会", "商工会の勉強会", "自社の勉強会"]),
    );
    const q11 = own.textReviews.filter((r) => r.question === "q11");
    expect(q11.length).toBeGreaterThanOrEqual(3);
    expect(q11.every((r) => r.decision === "pending")).toBe(true);

    // Default: nothing unreviewed leaves the secretariat.
    const before = await computeResults(deps(), secretariat, id, { forSharing: true });
    expect(before.questions.flatMap((q) => [...q.texts, ...q.other])).toEqual([]);
    expect(before.textReviews).toEqual([]);

    const named = q11.find((r) => r.text.includes("長崎精機"))!;
    const plain = q11.find((r) => r.text === "商工会の勉強会")!;
    const own3 = q11.find((r) => r.text === "自社の勉強会")!;
    await reviewSurveyText(deps(), secretariat, id, {
      responseId: named.responseId,
      question: "q11",
      kind: "text",
      decision: "redacted",
      sharedText: "株式会社○○の勉強会",
    });
    await reviewSurveyText(deps(), secretariat, id, {
      responseId: plain.responseId,
      question: "q11",
      kind: "text",
      decision: "approved",
    });
    await reviewSurveyText(deps(), secretariat, id, {
      responseId: own3.responseId,
      question: "q11",
      kind: "text",
      decision: "hidden",
    });
    // Counters rebuilt from the answers (new text rows) keep the decisions.
    await rebuildTallies(t.db, id, listQuestions((await findSurvey(t.db, id)).definition));

    const shared = await computeResults(deps(), secretariat, id, { forSharing: true });
    expect(shared.questions.find((q) => q.name === "q11")!.texts.toSorted()).toEqual(
      ["商工会の勉強会", "株式会社○○の勉強会"].toSorted(),
    );
    expect(shared.questions.flatMap((q) => q.other)).toEqual([]); // その他 texts: none reviewed
    const sheet = (await exportResults(deps(), secretariat, id))[0]!;
    const written = sheet.rows.flat().map(String);
    expect(written).toContain("株式会社○○の勉強会");
    expect(written.some((c) => c.includes("長崎精機") || c === "自社の勉強会")).toBe(false);

    const audit = await t.db
      .selectFrom("audit_events")
      .select(["action", "after_json"])
      .where("action", "=", "survey-text.review")
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.some((a) => String(a.after_json).includes("長崎精機"))).toBe(false);

    await expect(
      reviewSurveyText(deps(), secretariat, id, {
        responseId: named.responseId,
        question: "q11",
        kind: "text",
        decision: "redacted",
        sharedText: "  ",
      }),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await expect(
      reviewSurveyText(deps(), secretariat, id, {
        responseId: "nope",
        question: "q11",
        kind: "text",
        decision: "approved",
      }),
    ).rejects.toMatchObject({ code: "not-found" });
    await expect(
      reviewSurveyText(deps(), member, id, {
        responseId: plain.responseId,
        question: "q11",
        kind: "text",
        decision: "approved",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
  });
});
