/**
 * The SurveyJS types a regional survey uses, end to end below the web layer: import (real
 * definitions from public repositories, tests/fixtures/real/surveyjs/), server validation by
 * survey-core, counting with the right bases (running counters = recount, both databases),
 * exports, the answering form's fields, resuming, and the live conditions.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { fixedClock } from "../shared/clock.ts";
import { aggregateAnswers } from "./aggregate-answers.ts";
import { mergePageAnswers } from "./answer-form-fields.ts";
import { answeringPage } from "./answering-page.ts";
import { checkAnswers } from "./check-answers.ts";
import { computeResults } from "./compute-results.ts";
import { createSurvey } from "./create-survey.ts";
import { listElements, listQuestions, parseDefinition } from "./definition.ts";
import { evaluatePageConditions } from "./evaluate-page-conditions.ts";
import { exportResponses } from "./export-responses.ts";
import { exportResults } from "./export-results.ts";
import { readXlsx } from "../files/xlsx.ts";
import { findSurvey } from "./find-survey.ts";
import { toCsv, toXlsx } from "./table-formats.ts";
import { loadCompleteAnswers } from "./load-answers.ts";
import { saveResponse } from "./save-response.ts";
import { showAnsweringPage } from "./show-answering-page.ts";
import { submitAnsweringPage } from "./submit-answering-page.ts";
import { secretariat } from "../../tests/fixtures/surveys.ts";

const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url), "utf8"));
const sample = () => fixture("surveyjs/regional-all-types.json") as Record<string, unknown>;

/** A respondent who answers every type (the panel shown: 担当者あり and 21〜100人). */
const full = () => ({
  "会社 規模": "2",
  業種: 2,
  担当者の有無: true,
  従業員数: "60",
  担当者数: 2,
  体制の説明: "兼任1名",
  対策: ["backup", "other"],
  "対策-Comment": "UTM",
  利用サービス: ["mail", "vpn"],
  満足度: 4,
  優先順位: ["people", "cost", "time"],
  実施状況: { backup: "done", update: "no" },
  自由記述: "特になし",
  機器: { pc: { count: "12", os: "win", av: ["a", "b"] }, server: { os: "mac" } },
  拠点: [{ city: "長崎市", staff: 2 }, { city: "佐世保市", staff: "3" }, {}],
  連絡先: { 部署: "総務", 電話: "095-000-0000" },
  事故: [{ 時期: "2020年", 影響: "小" }],
});

function form(entries: [string, string][]): URLSearchParams {
  return new URLSearchParams(entries);
}

describe("importing SurveyJS definitions", () => {
  it("accepts every type of the regional sample, with spaces and Japanese in names, panels and display elements", () => {
    const def = parseDefinition(sample());
    const all = listElements(def);
    expect(all.map((q) => `${q.name}:${q.kind}`)).toEqual([
      "会社 規模:single",
      "業種:single",
      "担当者の有無:single",
      "従業員数:text",
      "案内:display",
      "担当者数:text",
      "体制の説明:text",
      "規模区分:display",
      "対策:multiple",
      "利用サービス:multiple",
      "満足度:single",
      "優先順位:grid",
      "実施状況:grid",
      "自由記述:text",
      "機器:items",
      "拠点:items",
      "連絡先:items",
      "事故:items",
      "図:display",
    ]);
    const q = Object.fromEntries(all.map((x) => [x.name, x]));
    expect(q["会社 規模"]!.choices).toEqual([
      { value: "1", label: "1〜20人", raw: "1" },
      { value: "2", label: "21〜100人", raw: "2" },
      { value: "3", label: "101人以上", raw: "3" },
    ]);
    expect(q.業種!.choices[0]).toEqual({ value: "1", label: "製造業", raw: 1 });
    expect(q.満足度!.choices.map((c) => c.raw)).toEqual([1, 2, 3, 4, 5]);
    // A panel's condition is joined to its questions' own.
    expect(q.担当者数!.visibleIf).toBe("{担当者の有無} = true and {会社 規模} anyof ['2', '3']");
    expect(q.担当者数!.panels).toEqual(["体制"]);
    expect(q.案内!.content).toBe("以下は 任意 です。");
    expect(q.機器!.items.map((i) => i.value)).toEqual([
      "pc/count",
      "pc/os",
      "pc/av",
      "server/count",
      "server/os",
      "server/av",
    ]);
  });

  it("reads the legacy top-level questions array into one page, and round-trips: our export re-imports identically", () => {
    const kids = fixture("real/surveyjs/demo-form-kids.json");
    const def = parseDefinition(kids);
    expect(def.pages).toHaveLength(1);
    expect(def).not.toHaveProperty("questions");
    expect(listQuestions(def).map((q) => q.name)).toContain("kid5Age");
    // Every property of the source is kept (SurveyJS renders what we do not).
    expect(def.pages![0]!.elements).toEqual(kids.questions);
    expect(def.clearInvisibleValues).toBe("onHidden");
    expect(parseDefinition(JSON.parse(JSON.stringify(def)))).toEqual(def);
    const visit = fixture("real/surveyjs/healthcare-add-new-visit.json");
    expect(parseDefinition(visit)).toEqual(visit);
    expect(parseDefinition(sample())).toEqual(sample());
  });

  it("refuses what it cannot answer, count or export, naming the question and the reason", () => {
    const refused = (input: unknown) => {
      try {
        parseDefinition(input);
      } catch (error) {
        return (error as { fields: { field: string; code: string; params?: Record<string, string> }[] }).fields;
      }
      throw new Error("accepted");
    };
    expect(refused(fixture("real/surveyjs/healthcare-patient-registration.json"))).toEqual([
      { field: "country", code: "survey-question-type-remote", params: { question: "country", type: "dropdown" } },
    ]);
    expect(refused(fixture("real/surveyjs/frameworks-shared-value-name.json"))).toEqual([
      expect.objectContaining({ field: "frameworksRateMatrix", code: "survey-question-value-name" }),
      expect.objectContaining({ field: "frameworksRatePanel", code: "survey-question-value-name" }),
    ]);
    expect(
      refused({
        elements: [
          { type: "signaturepad", name: "署名" },
          { type: "file", name: "添付" },
          { type: "panel", name: "p", elements: [{ type: "slider", name: "s" }] },
          { type: "text", name: "a{b}" },
        ],
      }),
    ).toEqual([
      { field: "署名", code: "survey-question-type-signature", params: { question: "署名", type: "signaturepad" } },
      { field: "添付", code: "survey-question-type-file", params: { question: "添付", type: "file" } },
      { field: "s", code: "survey-question-type", params: { question: "s", type: "slider" } },
      { field: "a{b}", code: "survey-question-name-import", params: { question: "a{b}" } },
    ]);
  });
});

describe("server validation of each type (survey-core plus our shape and code check)", () => {
  const def = parseDefinition(sample());

  it("keeps a full answer set, typed as SurveyJS stores it", () => {
    const { data, errors } = checkAnswers(def, full());
    expect(errors).toEqual([]);
    expect(data).toMatchObject({ 従業員数: 60, 業種: 2, 満足度: 4, 担当者の有無: true });
    expect(data.拠点).toEqual([
      { city: "長崎市", staff: 2 },
      { city: "佐世保市", staff: 3 },
    ]);
    expect(data.機器).toEqual({ pc: { count: 12, os: "win", av: ["a", "b"] }, server: { os: "mac" } });
    expect(data.優先順位).toEqual(["people", "cost", "time"]);
  });

  it("refuses values that are not among the choices, per type", () => {
    const wrong: Record<string, unknown> = {
      "会社 規模": "9",
      業種: 7,
      利用サービス: ["fax"],
      満足度: 6,
      優先順位: ["cost", "cost"],
      実施状況: { backup: "maybe" },
      機器: { pc: { os: "linux" } },
      拠点: [{ staff: 9 }],
      連絡先: { fax: "1" },
      事故: [{ 影響: "中" }],
      従業員数: "many",
    };
    const { errors } = checkAnswers(def, { ...full(), ...wrong });
    expect(Object.fromEntries(errors.map((e) => [e.question, e.code]))).toEqual({
      "会社 規模": "choice",
      業種: "choice",
      利用サービス: "choice",
      満足度: "choice",
      優先順位: "choice",
      実施状況: "choice",
      機器: "choice",
      拠点: "choice",
      連絡先: "choice",
      事故: "choice",
      従業員数: "number",
    });
  });

  it("drops the answers of a panel hidden by its compound condition, and applies requiredIf", () => {
    const small = checkAnswers(def, { ...full(), "会社 規模": "1" });
    expect(small.data).not.toHaveProperty("担当者数");
    expect(small.data).not.toHaveProperty("体制の説明");
    const big = checkAnswers(def, { ...full(), "会社 規模": "3", 担当者数: undefined });
    expect(big.errors).toEqual([expect.objectContaining({ question: "担当者数", code: "required" })]);
    // The or-condition: 満足度 4 and 教育 not done → shown; 教育 done and 満足度 4 → hidden.
    expect(checkAnswers(def, { ...full(), 対策: ["edu"] }).data).not.toHaveProperty("自由記述");
  });
});

describe("the answering form's fields", () => {
  const def = parseDefinition(sample());
  it("reads a ranking, a matrixdropdown, dynamic rows and a multipletext back into SurveyJS's shape", () => {
    const page2 = answeringPage(def, {}, 1, "ja").questions;
    const merged2 = mergePageAnswers(
      {},
      page2,
      form([
        ["優先順位::cost", "2"],
        ["優先順位::people", "1"],
        ["優先順位::time", ""],
        ["満足度", "3"],
        ["利用サービス", "cloud"],
      ]),
    );
    expect(merged2).toMatchObject({ 優先順位: ["people", "cost"], 満足度: "3", 利用サービス: ["cloud"] });
    const page3 = answeringPage(def, {}, 2, "ja").questions;
    const merged3 = mergePageAnswers(
      {},
      page3,
      form([
        ["機器::pc::count", "3"],
        ["機器::pc::av", "a"],
        ["機器::pc::av", "b"],
        ["拠点::entries", "2"],
        ["拠点::1::city", "諫早市"],
        ["連絡先::部署", "総務"],
        ["事故::0::影響", "大"],
      ]),
    );
    expect(merged3).toEqual({
      機器: { pc: { count: "3", av: ["a", "b"] } },
      拠点: [{ city: "諫早市" }],
      連絡先: { 部署: "総務" },
      事故: [{ 影響: "大" }],
    });
    expect(checkAnswers(def, { ...full(), ...merged3 }).errors).toEqual([]);
  });

  it("marks same-page conditions live, with their state for the answers known", () => {
    const page1 = answeringPage(def, {}, 0, "ja").questions;
    const staff = page1.find((q) => q.name === "担当者数")!;
    expect(staff).toMatchObject({ live: true, shown: false });
    expect(page1.find((q) => q.name === "会社 規模")).toMatchObject({ live: false, shown: true, required: true });
  });
});

describe.each(testDatabases)("SurveyJS types counted, exported and resumed on %s", (kind) => {
  const t = useTestDatabase(kind);
  const clock = fixedClock("2021-02-01T00:00:00.000Z");
  const deps = () => ({ db: t.db, dialect: t.dialect, clock, baseUrl: "http://localhost" });
  const newSurvey = async () => (await createSurvey(deps(), secretariat, { title: "全形式", definition: sample() })).id;

  it("counts each type on its own base; the running counters equal a recount", async () => {
    const id = await newSurvey();
    const answers = [
      full(),
      { ...full(), "会社 規模": "1", 優先順位: ["time", "people", "cost"], 拠点: [], 連絡先: {}, 満足度: 1 },
      { "会社 規模": "3", 担当者の有無: false, 機器: { server: { av: ["a"] } }, 拠点: [{ staff: 1 }, { staff: 1 }] },
    ];
    for (const a of answers) await saveResponse(deps(), { surveyId: id, answers: a, mode: "complete" });
    const results = await computeResults(deps(), secretariat, id);
    const q = Object.fromEntries(results.questions.map((x) => [x.name, x]));
    expect(results.responses).toBe(3);
    expect(q["会社 規模"]!.base).toBe(3);
    expect(q.業種!.choices.find((c) => c.value === "2")).toMatchObject({ count: 2, percent: 100 });
    // The panel is shown only to 21〜100人 with a person in charge: respondent 1.
    expect(q.担当者数!.base).toBe(1);
    expect(q.満足度!.base).toBe(2);
    expect(q.満足度!.choices.map((c) => c.count)).toEqual([1, 0, 0, 1, 0]);
    // Ranking: each choice a row, positions its columns, every row on the ranking's base.
    expect(q.優先順位!.base).toBe(2);
    const people = q.優先順位!.rows.find((r) => r.value === "people")!;
    expect(people.base).toBe(2);
    expect(people.columns.map((c) => c.count)).toEqual([1, 1, 0]);
    // matrixdropdown: each row × column on the respondents who filled that cell.
    expect(q.機器!.base).toBe(3);
    const pcAv = q.機器!.rows.find((r) => r.value === "pc/av")!;
    expect(pcAv).toMatchObject({ base: 2 });
    expect(pcAv.columns.map((c) => c.count)).toEqual([2, 2]);
    expect(q.機器!.rows.find((r) => r.value === "server/av")).toMatchObject({ base: 1 });
    // matrixdynamic: a respondent counts once per column, however many rows gave it.
    expect(q.拠点!.base).toBe(2);
    const staff = q.拠点!.rows.find((r) => r.value === "staff")!;
    expect(staff.base).toBe(2);
    expect(staff.columns.map((c) => c.count)).toEqual([1, 1, 1]);
    expect(q.連絡先!.base).toBe(1);
    expect(q.連絡先!.texts).toEqual(["部署: 総務 / 電話: 095-000-0000"]);
    expect(q.事故!.base).toBe(2);
    expect(q.自由記述!.base).toBe(2);
    expect(q).not.toHaveProperty("案内");
    // The counters (kept at each completion) and a recount of the stored answers agree.
    const survey = await findSurvey(t.db, id);
    const recount = aggregateAnswers(listQuestions(survey.definition), await loadCompleteAnswers(t.db, id));
    expect(results.questions.map(({ texts: _t, other: _o, ...rest }) => rest)).toEqual(
      recount.questions.map(({ texts: _t, other: _o, ...rest }) => rest),
    );

    const responses = await exportResponses(deps(), secretariat, id);
    for (const code of [
      "会社 規模",
      "業種",
      "優先順位.people",
      "機器.pc/av",
      "拠点.city",
      "連絡先.電話",
      "事故.影響",
      "利用サービス.vpn",
    ])
      expect(responses.codes).toContain(code);
    // The first respondent's row (ids share one millisecond here, so find it by its answer).
    const row = responses.rows.find((r) => r[responses.codes.indexOf("満足度")] === "4")!;
    const cell = (code: string) => row[responses.codes.indexOf(code)];
    expect(cell("優先順位.people")).toBe(1);
    expect(cell("機器.pc/av")).toBe("a, b");
    expect(cell("拠点.city")).toBe("長崎市 / 佐世保市");
    expect(cell("満足度")).toBe("4");
    // Through core/files: the XLSX reads back with every type's columns and the typed cells.
    const sheet = await readXlsx(await toXlsx([responses]), "file");
    expect(sheet.flat()).toEqual(expect.arrayContaining(["機器.pc/av", "a, b", "長崎市 / 佐世保市"]));
    expect(new TextDecoder().decode(toCsv(responses))).toContain("連絡先.電話");
    const [whole] = await exportResults(deps(), secretariat, id);
    const rowsOf = (name: string) => whole!.rows.filter((r) => r[0] === name);
    expect(rowsOf("優先順位").length).toBe(9);
    expect(rowsOf("連絡先").some((r) => r[2] === "電話" && r[3] === 1)).toBe(true);
    expect(rowsOf("機器").some((r) => r[2] === "PC：対策" && r[3] === 2)).toBe(true);
  });

  it("breaks every type down by a single choice for sharing without error; items show no figure", async () => {
    const id = await newSurvey();
    for (let i = 0; i < 6; i++) await saveResponse(deps(), { surveyId: id, answers: full(), mode: "complete" });
    const results = await computeResults(deps(), secretariat, id, { by: "会社 規模", forSharing: true });
    const group = (name: string) =>
      results.crossTabs.find((x) => x.question === name)!.groups.find((g) => g.value === "2")!;
    expect(group("満足度").result.choices.find((c) => c.value === "4")).toMatchObject({ count: 6 });
    expect(group("優先順位").result.rows.find((r) => r.value === "people")).toMatchObject({ base: 6 });
    expect(group("機器").result.rows.every((r) => r.base === null)).toBe(true);
  });

  it("resumes where the respondent stopped, and evaluates a compound condition on the page", async () => {
    const id = await newSurvey();
    const secret = "resume-secret-0123456789abcdef";
    const page1 = form([
      ["_page", "0"],
      ["_action", "next"],
      ["会社 規模", "2"],
      ["担当者の有無", "true"],
    ]);
    const live = await evaluatePageConditions(deps(), {
      surveyId: id,
      form: page1,
      resumeSecret: secret,
      locale: "ja",
    });
    expect(live.questions.find((q) => q.name === "担当者数")).toMatchObject({ shown: true, required: false });
    page1.set("会社 規模", "1");
    const hidden = await evaluatePageConditions(deps(), {
      surveyId: id,
      form: page1,
      resumeSecret: secret,
      locale: "ja",
    });
    expect(hidden.questions.find((q) => q.name === "担当者数")).toMatchObject({ shown: false });
    const outcome = await submitAnsweringPage(deps(), {
      surveyId: id,
      form: page1,
      resumeSecret: secret,
      locale: "ja",
    });
    expect(outcome).toMatchObject({ kind: "redirect", location: `/s/${id}?page=1`, completed: false });
    // Back another day without ?page: page 2 of 3, with the saved answers.
    const screen = await showAnsweringPage(
      deps(),
      { kind: "anonymous" },
      {
        surveyId: id,
        page: null,
        resumeSecret: secret,
        locale: "ja",
      },
    );
    expect(screen.view).toMatchObject({ page: 1, position: 2 });
    expect(screen.values).toMatchObject({ "会社 規模": "1", 担当者の有無: true });
    // A page with errors stays the page to resume at.
    const empty = await submitAnsweringPage(deps(), {
      surveyId: id,
      form: form([
        ["_page", "0"],
        ["_action", "next"],
      ]),
      resumeSecret: secret,
      locale: "ja",
    });
    expect(empty).toMatchObject({ kind: "screen", status: 422 });
    const again = await showAnsweringPage(
      deps(),
      { kind: "anonymous" },
      { surveyId: id, page: null, resumeSecret: secret, locale: "ja" },
    );
    expect(again.view?.page).toBe(0);
  });

  it("mails a link to go on on another device, once per address, keeping the address nowhere else", async () => {
    const id = await newSurvey();
    const secret = "other-device-secret-0123456789";
    const limited: string[] = [];
    const limitRate = async (rule: { key: string }) => {
      limited.push(rule.key);
    };
    const ask = (email: string) =>
      submitAnsweringPage(
        { ...deps(), limitRate },
        {
          surveyId: id,
          form: form([
            ["_page", "0"],
            ["_action", "mail-link"],
            ["会社 規模", "2"],
            ["_email", email],
          ]),
          resumeSecret: secret,
          locale: "ja",
        },
      );
    expect(await ask("not-an-address")).toMatchObject({
      kind: "screen",
      status: 422,
      screen: { errors: { _email: "メールアドレスの形式で入力してください。" } },
    });
    expect(await ask("kaito@example.jp")).toMatchObject({
      kind: "screen",
      status: 200,
      screen: { notice: "resume-mailed" },
    });
    await ask("kaito@example.jp");
    const mails = await t.db.selectFrom("outbox_messages").select(["to_address", "subject", "text_body"]).execute();
    expect(mails).toHaveLength(1);
    expect(limited).toEqual(["survey-resume:email:kaito@example.jp", "survey-resume:email:kaito@example.jp"]);
    expect(mails[0]!.text_body).toContain(`http://localhost/s/${id}?r=${secret}`);
    const responses = await t.db.selectFrom("survey_responses").selectAll().where("survey_id", "=", id).execute();
    expect(JSON.stringify(responses)).not.toContain("kaito");
    // The link's secret opens the saved answers on the other device.
    const other = await showAnsweringPage(
      deps(),
      { kind: "anonymous" },
      { surveyId: id, page: null, resumeSecret: secret, locale: "ja" },
    );
    expect(other.values).toMatchObject({ "会社 規模": "2" });
  });
});
