/**
 * The survey editor keeps what it does not edit: a SurveyJS definition with every type an import
 * accepts (ours, and real ones from tests/fixtures/real/surveyjs) is imported, each question is
 * opened in the editor and saved unchanged, exactly as the page's form posts it (the loader's
 * values, textareas with the browser's CRLF line ends, boxes ticked or not), and the exported
 * definition.json is byte for byte what the import stored. Then an edit of each newer type
 * changes only what was edited.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { grant } from "../../tests/fixtures/actors.ts";
import { insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { createSurvey } from "#core/surveys/create-survey.ts";
import type { EditorView } from "#core/surveys/editor-fields.ts";
import { action, loader } from "./surveys.$id.edit.tsx";
import { loader as download } from "./surveys.$id.export.$file.ts";

const fixture = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../tests/fixtures/${path}`, import.meta.url), "utf8"));

/** The fields the editor's form for one question posts when saved untouched. */
function untouchedForm(q: EditorView): Record<string, string> {
  const form: Record<string, string> = {
    intent: "update",
    original: q.name,
    toggles: q.toggles.join(" "),
    name: q.name,
    type: q.type,
    titleJa: q.titleJa,
    titleEn: q.titleEn,
    page: String(q.page),
    conditionQuestion: "",
    conditionRow: "",
    conditionOperator: "equals",
    conditionValues: "",
    expression: q.expression,
  };
  if (q.toggles.includes("required") && q.required) form.required = "on";
  if (q.toggles.includes("hasOther") && q.hasOther) form.hasOther = "on";
  // A browser posts a textarea's line ends as CRLF.
  for (const field of q.fields) form[field] = q.values[field].replace(/\n/g, "\r\n");
  return form;
}

describe.each(testDatabases)("the survey editor's form on %s", (kind) => {
  const services = useTestServices(kind);
  const office = () =>
    insertUser(services.database.db, services.database.dialect, {
      name: "事務局",
      email: "office@example.jp",
      grants: [grant("secretariat")],
    });

  const exported = async (actor: Awaited<ReturnType<typeof office>>, id: string) => {
    const file = await callRoute(download, {
      services,
      actor,
      url: `/surveys/${id}/export/definition.json`,
      params: { id, file: "definition.json" },
    });
    expect(file.status).toBe(200);
    return file.data as Record<string, unknown>;
  };
  const views = async (actor: Awaited<ReturnType<typeof office>>, id: string) => {
    const page = await callRoute(loader, { services, actor, url: `/surveys/${id}/edit`, params: { id } });
    expect(page.status).toBe(200);
    return page.data.questions as EditorView[];
  };
  const save = async (actor: Awaited<ReturnType<typeof office>>, id: string, form: Record<string, string>) => {
    const result = await callRoute(action, { services, actor, url: `/surveys/${id}/edit`, params: { id }, form });
    expect(result.data, JSON.stringify(result.data)).toMatchObject({ ok: true });
  };

  for (const path of [
    "surveyjs/regional-all-types.json",
    "real/surveyjs/healthcare-add-new-visit.json",
    "real/surveyjs/demo-form-kids.json",
  ]) {
    it(`imports ${path}, saves every question unchanged, and exports the identical JSON`, async () => {
      const actor = await office();
      const definition = fixture(path);
      const { id } = await createSurvey(services.accounts, actor, { title: "取り込み", definition });
      const before = await exported(actor, id);
      const questions = await views(actor, id);
      expect(questions.length).toBeGreaterThan(3);
      for (const q of questions) await save(actor, id, untouchedForm(q));
      expect(JSON.stringify(await exported(actor, id))).toBe(JSON.stringify(before));
    });
  }

  it("edits the newer types' own fields and keeps every property it has no field for, saying which", async () => {
    const actor = await office();
    const { id } = await createSurvey(services.accounts, actor, {
      title: "全形式",
      definition: fixture("surveyjs/regional-all-types.json"),
    });
    const before = await exported(actor, id);
    const questions = await views(actor, id);
    const view = (name: string) => questions.find((q) => q.name === name)!;
    const elementOf = (definition: Record<string, unknown>, name: string) => {
      const found: Record<string, unknown>[] = [];
      const visit = (elements: unknown) => {
        for (const e of (elements ?? []) as Record<string, unknown>[]) {
          if (e.name === name) found.push(e);
          visit(e.elements);
        }
      };
      for (const page of definition.pages as { elements: unknown }[]) visit(page.elements);
      return found[0]!;
    };

    // Questions inside panels are listed too, with their panel; what has no field is named.
    expect(view("担当者数").panel).not.toBe("");
    expect(view("機器").kept).toEqual(expect.arrayContaining(["rows", "columns"]));
    expect(view("機器").fields).toEqual([]);

    // tagbox: one choice relabelled, one added; the others stay as the strings they were.
    const tagbox = untouchedForm(view("利用サービス"));
    expect(tagbox.choices).toBe("mail | メール\r\ncloud | クラウド\r\nvpn | VPN");
    tagbox.choices = "mail | メール\r\ncloud | クラウドサービス\r\nvpn | VPN\r\nweb | ウェブ会議 | Web meetings";
    await save(actor, id, tagbox);
    // rating: a new maximum.
    await save(actor, id, { ...untouchedForm(view("満足度")), rateMax: "10" });
    // ranking: a choice removed.
    const ranking = untouchedForm(view("優先順位"));
    ranking.choices = ranking.choices!.split("\r\n").slice(0, 2).join("\r\n");
    await save(actor, id, ranking);
    // boolean: the yes label; matrix: a row relabelled; multipletext: an item added.
    await save(actor, id, { ...untouchedForm(view("担当者の有無")), labelTrue: "いる" });
    const matrix = untouchedForm(view("実施状況"));
    const firstRow = matrix.rows!.split("\r\n")[0]!.split("|")[0]!.trim();
    matrix.rows = matrix.rows!.replace(/^[^\r]*/, `${firstRow} | 定期バックアップ`);
    await save(actor, id, matrix);
    const items = untouchedForm(view("連絡先"));
    items.items = `${items.items}\r\ntel | 電話番号 | Phone`;
    await save(actor, id, items);
    // expression and html: their own text.
    await save(actor, id, { ...untouchedForm(view("規模区分")), formula: "iif({従業員数} > 100, '大', '小')" });
    const html = questions.find((q) => q.type === "html")!;
    await save(actor, id, { ...untouchedForm(html), html: "<p>ご協力をお願いします。</p>" });

    const after = await exported(actor, id);
    const b = (name: string) => elementOf(before, name);
    const a = (name: string) => elementOf(after, name);
    expect(a("利用サービス")).toEqual({
      ...b("利用サービス"),
      choices: [
        "mail|メール",
        "cloud|クラウドサービス",
        "vpn|VPN",
        { value: "web", text: { ja: "ウェブ会議", en: "Web meetings" } },
      ],
    });
    expect(a("満足度")).toEqual({ ...b("満足度"), rateMax: 10 });
    expect(a("優先順位")).toEqual({ ...b("優先順位"), choices: (b("優先順位").choices as unknown[]).slice(0, 2) });
    expect(a("担当者の有無")).toEqual({ ...b("担当者の有無"), labelTrue: "いる" });
    const rows = [...(b("実施状況").rows as unknown[])];
    expect((a("実施状況").rows as unknown[]).slice(1)).toEqual(rows.slice(1));
    expect(a("実施状況")).toMatchObject({ columns: b("実施状況").columns });
    expect(a("連絡先")).toEqual({
      ...b("連絡先"),
      items: [...(b("連絡先").items as unknown[]), { name: "tel", title: { ja: "電話番号", en: "Phone" } }],
    });
    expect(a("規模区分")).toEqual({ ...b("規模区分"), expression: "iif({従業員数} > 100, '大', '小')" });
    expect(a(html.name).html).toBe("<p>ご協力をお願いします。</p>");
    // Nothing else moved: every other question is as imported.
    for (const q of questions)
      if (
        !["利用サービス", "満足度", "優先順位", "担当者の有無", "実施状況", "連絡先", "規模区分", html.name].includes(
          q.name,
        )
      )
        expect(a(q.name)).toEqual(b(q.name));
  });
});
