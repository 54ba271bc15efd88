import { toJapanIso } from "../../i18n/dates.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { Answers } from "./check-answers.ts";
import { listQuestions, type Locale, type QuestionInfo } from "./definition.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import type { Table } from "./table-formats.ts";

interface Column {
  code: string;
  label: string;
  value(a: Answers): string | number | null;
}

const labelOf = (q: QuestionInfo, value: unknown) =>
  value === "other" ? q.otherLabel : (q.choices.find((c) => c.value === String(value))?.label ?? String(value ?? ""));

/** Codes and labels side by side; one 0/1 column per choice of a multiple-choice question. */
function columnsOf(q: QuestionInfo): Column[] {
  const other = q.hasOther
    ? [
        {
          code: `${q.name}-Comment`,
          label: `${q.title}（${q.otherLabel}）`,
          value: (a: Answers) => (a[`${q.name}-Comment`] as string) ?? null,
        },
      ]
    : [];
  switch (q.kind) {
    case "display":
      return [];
    case "items":
      // One column per item (a matrixdropdown cell, a multipletext item, a dynamic column);
      // the rows of a matrixdynamic or the panels of a paneldynamic are joined with " / ".
      return q.items.map((item) => ({
        code: `${q.name}.${item.value}`,
        label: `${q.title}：${item.label}`,
        value: (a: Answers) => {
          const value = a[q.name];
          if (value === undefined) return null;
          const entries = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
          const parts = entries
            .map((e) =>
              item.row !== undefined
                ? (e[item.row] as Record<string, unknown> | undefined)?.[item.column!]
                : e[item.value],
            )
            .filter((v) => v !== undefined && v !== null && v !== "")
            .map((v) => (Array.isArray(v) ? v.join(", ") : String(v)));
          return parts.length ? parts.join(" / ") : null;
        },
      }));
    case "multiple": {
      const choices = q.hasOther ? [...q.choices, { value: "other", label: q.otherLabel }] : q.choices;
      return [
        ...choices.map((c) => ({
          code: `${q.name}.${c.value}`,
          label: `${q.title}：${c.label}`,
          value: (a: Answers) =>
            Array.isArray(a[q.name]) ? ((a[q.name] as unknown[]).map(String).includes(c.value) ? 1 : 0) : null,
        })),
        ...other,
      ];
    }
    case "grid":
      if (q.type === "ranking")
        return q.rows.map((r) => ({
          code: `${q.name}.${r.value}`,
          label: `${q.title}：${r.label}（順位）`,
          value: (a: Answers) => {
            const order = Array.isArray(a[q.name]) ? (a[q.name] as unknown[]).map(String) : [];
            return order.includes(r.value) ? order.indexOf(r.value) + 1 : null;
          },
        }));
      return q.rows.flatMap((r) => [
        {
          code: `${q.name}.${r.value}`,
          label: `${q.title}：${r.label}`,
          value: (a: Answers) => {
            const v = (a[q.name] as Record<string, string | number> | undefined)?.[r.value];
            return v === undefined ? null : v;
          },
        },
        {
          code: `${q.name}.${r.value}:label`,
          label: `${q.title}：${r.label}（回答）`,
          value: (a: Answers) => {
            const v = (a[q.name] as Record<string, unknown> | undefined)?.[r.value];
            return v === undefined ? null : (q.columns.find((c) => c.value === String(v))?.label ?? String(v));
          },
        },
      ]);
    case "text":
      return [
        {
          code: q.name,
          label: q.title,
          value: (a) => (a[q.name] === undefined ? null : (a[q.name] as string | number)),
        },
      ];
    default:
      return [
        { code: q.name, label: q.title, value: (a) => (a[q.name] === undefined ? null : String(a[q.name])) },
        {
          code: `${q.name}:label`,
          label: `${q.title}（回答）`,
          value: (a) => (a[q.name] === undefined ? null : labelOf(q, a[q.name])),
        },
        ...other,
      ];
  }
}

/**
 * Every response (complete and in progress) as one table for the secretariat: a row of codes,
 * a row of labels, then one row per response. Raw answers: not an export meant for sharing.
 */
export async function exportResponses(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  locale: Locale = "ja",
): Promise<Table> {
  requireSecretariat(actor);
  const survey = await findSurvey(deps.db, surveyId);
  const columns = listQuestions(survey.definition, locale).flatMap(columnsOf);
  const rows = await deps.db
    .selectFrom("survey_responses")
    .select(["id", "status", "source", "completed_at", "excluded_reason", "answers_json"])
    .where("survey_id", "=", survey.id)
    .orderBy("id")
    .execute();
  const fixed =
    locale === "ja"
      ? ["回答ID", "状態", "経路", "回答完了日時", "無効の理由"]
      : ["Response id", "Status", "Source", "Completed at", "Invalid because"];
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "survey.export",
    entityType: "survey",
    entityId: survey.id,
    after: { file: "responses", rows: rows.length },
  });
  return {
    name: locale === "ja" ? "回答" : "Responses",
    codes: ["id", "status", "source", "completed_at", "excluded_reason", ...columns.map((c) => c.code)],
    labels: [...fixed, ...columns.map((c) => c.label)],
    rows: rows.map((r) => {
      const answers = JSON.parse(r.answers_json) as Answers;
      return [
        r.id,
        r.status,
        r.source,
        toJapanIso(r.completed_at),
        r.excluded_reason,
        ...columns.map((c) => c.value(answers)),
      ];
    }),
  };
}
