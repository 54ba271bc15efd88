import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { checkAnswers } from "./check-answers.ts";
import { createSurvey } from "./create-survey.ts";
import { listQuestions } from "./definition.ts";
import { editSurveyQuestion } from "./edit-survey-question.ts";
import { findSurvey } from "./find-survey.ts";
import { member, secretariat, surveysTestDeps } from "../../tests/fixtures/surveys.ts";

describe.each(testDatabases)("the survey editor on %s", (kind) => {
  const t = useTestDatabase(kind);
  const deps = () => surveysTestDeps(t);

  it("builds a survey from scratch with a condition chosen from pickers, reorders and removes", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "白紙" });
    expect((await findSurvey(t.db, id)).status).toBe("draft");
    await editSurveyQuestion(deps(), secretariat, id, {
      intent: "add",
      name: "uses",
      type: "checkbox",
      titleJa: "利用しているもの",
      required: true,
      hasOther: true,
      choices: "cloud | クラウド | Cloud\nvpn | VPN",
    });
    await editSurveyQuestion(deps(), secretariat, id, {
      intent: "add",
      name: "cloud-vendor",
      type: "text",
      titleJa: "クラウドの事業者",
      page: 2,
      conditionQuestion: "uses",
      conditionOperator: "contains",
      conditionValues: "cloud",
    });
    await editSurveyQuestion(deps(), secretariat, id, {
      intent: "add",
      name: "note",
      type: "comment",
      titleJa: "備考",
    });
    let survey = await findSurvey(t.db, id);
    expect(listQuestions(survey.definition).map((q) => [q.name, q.page, q.visibleIf])).toEqual([
      ["uses", 0, null],
      ["note", 0, null],
      ["cloud-vendor", 1, "{uses} contains 'cloud'"],
    ]);
    expect(checkAnswers(survey.definition, { uses: ["vpn"], "cloud-vendor": "AWS" }).data).toEqual({ uses: ["vpn"] });
    expect(checkAnswers(survey.definition, { uses: ["cloud"], "cloud-vendor": "AWS" }).data).toEqual({
      uses: ["cloud"],
      "cloud-vendor": "AWS",
    });
    await editSurveyQuestion(deps(), secretariat, id, { intent: "move", name: "note", direction: "up" });
    await editSurveyQuestion(deps(), secretariat, id, {
      intent: "update",
      original: "cloud-vendor",
      name: "cloud-vendor",
      type: "text",
      titleJa: "事業者名",
      page: 2,
      expression: "{uses} anyof ['cloud', 'vpn']",
    });
    survey = await findSurvey(t.db, id);
    expect(listQuestions(survey.definition).map((q) => q.name)).toEqual(["note", "uses", "cloud-vendor"]);
    expect(listQuestions(survey.definition).find((q) => q.name === "cloud-vendor")).toMatchObject({
      title: "事業者名",
      visibleIf: "{uses} anyof ['cloud', 'vpn']",
    });
    await editSurveyQuestion(deps(), secretariat, id, { intent: "remove", name: "note" });
    expect(listQuestions((await findSurvey(t.db, id)).definition).map((q) => q.name)).toEqual(["uses", "cloud-vendor"]);
  });

  it("refuses bad choices and duplicate names, and anyone but the secretariat", async () => {
    const { id } = await createSurvey(deps(), secretariat, { title: "テンプレート", template: "regional-standard" });
    await expect(
      editSurveyQuestion(deps(), secretariat, id, { intent: "add", name: "q1", type: "text", titleJa: "重複" }),
    ).rejects.toMatchObject({ fields: [{ field: "name", code: "survey-question-duplicate" }] });
    await expect(
      editSurveyQuestion(deps(), secretariat, id, {
        intent: "add",
        name: "x",
        type: "radiogroup",
        titleJa: "x",
        choices: "a b | だめ",
      }),
    ).rejects.toMatchObject({ fields: [{ field: "choices", code: "survey-choice-code" }] });
    await expect(editSurveyQuestion(deps(), member, id, { intent: "remove", name: "q1" })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
