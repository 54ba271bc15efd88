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
  switch (q.type) {
    case "checkbox": {
      const choices = q.hasOther ? [...q.choices, { value: "other", label: q.otherLabel }] : q.choices;
      return [
        ...choices.map((c) => ({
          code: `${q.name}.${c.value}`,
          label: `${q.title}：${c.label}`,
          value: (a: Answers) =>
            Array.isArray(a[q.name]) ? ((a[q.name] as string[]).includes(c.value) ? 1 : 0) : null,
        })),
        ...other,
      ];
    }
    case "matrix":
      return q.rows.flatMap((r) => [
        {
          code: `${q.name}.${r.value}`,
          label: `${q.title}：${r.label}`,
          value: (a: Answers) => (a[q.name] as Record<string, string> | undefined)?.[r.value] ?? null,
        },
        {
          code: `${q.name}.${r.value}:label`,
          label: `${q.title}：${r.label}（回答）`,
          value: (a: Answers) => {
            const v = (a[q.name] as Record<string, string> | undefined)?.[r.value];
            return v ? (q.columns.find((c) => c.value === v)?.label ?? v) : null;
          },
        },
      ]);
    case "comment":
    case "text":
      return [{ code: q.name, label: q.title, value: (a) => (a[q.name] as string) ?? null }];
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
    .select(["id", "status", "source", "completed_at", "answers_json"])
    .where("survey_id", "=", survey.id)
    .orderBy("id")
    .execute();
  const fixed =
    locale === "ja" ? ["回答ID", "状態", "経路", "回答完了日時"] : ["Response id", "Status", "Source", "Completed at"];
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "survey.export",
    entityType: "survey",
    entityId: survey.id,
    after: { file: "responses", rows: rows.length },
  });
  return {
    name: locale === "ja" ? "回答" : "Responses",
    codes: ["id", "status", "source", "completed_at", ...columns.map((c) => c.code)],
    labels: [...fixed, ...columns.map((c) => c.label)],
    rows: rows.map((r) => {
      const answers = JSON.parse(r.answers_json) as Answers;
      return [r.id, r.status, r.source, toJapanIso(r.completed_at), ...columns.map((c) => c.value(answers))];
    }),
  };
}
