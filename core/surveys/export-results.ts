import type { Actor } from "../accounts/actor.ts";
import type { CountCell } from "./aggregate-answers.ts";
import { computeResults } from "./compute-results.ts";
import type { Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import type { Table } from "./table-formats.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";

/**
 * Results as tables meant for sharing: whole-sample figures with their bases, and, when `by` is
 * given, every question broken down by it as the view for sharing shows it (compute-results.ts:
 * small groups and cells hidden with every figure that would give one away; free texts only as
 * the secretariat reviewed them).
 */
export async function exportResults(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  options: { locale?: Locale; by?: string } = {},
): Promise<Table[]> {
  const locale = options.locale ?? "ja";
  const results = await computeResults(deps, actor, surveyId, { locale, by: options.by, forSharing: true });
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "survey.export",
    entityType: "survey",
    entityId: surveyId,
    after: { file: "results-for-sharing", by: options.by ?? null },
  });
  const ja = locale === "ja";
  // Not "5未満": a figure hidden so that another cannot be derived may well be 5 or more.
  const hidden = ja ? "非表示" : "hidden";
  const cellRow = (q: { name: string; title: string }, row: string, base: number | null, c: CountCell) => [
    q.name,
    q.title,
    row,
    base ?? hidden,
    c.value,
    c.label,
    c.count ?? hidden,
    c.percent,
  ];
  const whole: Table = {
    name: ja ? "集計結果" : "Results",
    codes: ["question", "title", "row", "base", "value", "label", "count", "percent"],
    labels: ja
      ? ["設問", "設問文", "項目", "母数", "選択肢コード", "選択肢", "件数", "割合(%)"]
      : ["Question", "Title", "Item", "Base", "Code", "Choice", "Count", "Percent"],
    rows: results.questions.flatMap((q) => [
      ...(q.base === 0 ? [[q.name, q.title, "", 0, "", ja ? "該当者無し" : "No respondents", null, null]] : []),
      ...(q.base ? [...q.choices, ...q.combined].map((c) => cellRow(q, "", q.base, c)) : []),
      ...(q.base
        ? q.rows.flatMap((r) =>
            r.columns.length
              ? [...r.columns, ...r.combined].map((c) => cellRow(q, r.label, r.base, c))
              : // A text item (multipletext, a text cell): its base only; the texts follow below.
                [[q.name, q.title, r.label, r.base ?? hidden, "", "", null, null]],
          )
        : []),
      ...q.other.map((text) => [q.name, q.title, ja ? "その他の回答" : "Other", null, "other", text, null, null]),
      ...q.texts.map((text) => [q.name, q.title, ja ? "自由記述" : "Text", null, "", text, null, null]),
    ]),
  };
  const cross: Table[] = results.crossTabs.length
    ? [
        {
          name: ja ? "クロス集計" : "Cross-tabulation",
          codes: ["by", "group", "group_base", "question", "row", "value", "label", "count", "percent"],
          labels: ja
            ? ["軸", "区分", "区分の回答者数", "設問", "項目", "選択肢コード", "選択肢", "件数", "割合(%)"]
            : ["By", "Group", "Group size", "Question", "Item", "Code", "Choice", "Count", "Percent"],
          rows: results.crossTabs.flatMap((x) =>
            x.groups.flatMap((g) => {
              const cells = g.result.rows.length
                ? g.result.rows.flatMap((r) => r.columns.map((c) => ({ row: r.label, c })))
                : g.result.choices.map((c) => ({ row: "", c }));
              return cells.map(({ row, c }) => [
                x.by,
                g.label,
                g.base ?? hidden,
                x.question,
                row,
                c.value,
                c.label,
                c.count ?? hidden,
                c.percent,
              ]);
            }),
          ),
        },
      ]
    : [];
  return [whole, ...cross];
}
