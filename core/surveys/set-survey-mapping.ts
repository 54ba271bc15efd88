import { z } from "zod";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { listQuestions, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { getSurveyMapping, type SurveyMappingView } from "./get-survey-mapping.ts";
import { canonicalQuestion } from "./question-bank.ts";
import {
  automaticMapping,
  fitsCanonical,
  loadSurveyMapping,
  mappingProblems,
  matchByCode,
  type QuestionMapping,
} from "./survey-mapping.ts";

const code = z.string().trim().min(1).max(100);
const valueMap = z.record(z.string().max(200), code.nullable());

export const surveyMappingInputSchema = z
  .object({
    questions: z
      .array(
        z.object({
          /** the survey's question name */
          name: code,
          /** the canonical question's code (q1 … q17), or null: counted in none */
          canonical: code.nullable().optional(),
          /** true: forget the saved mapping, back to the automatic one */
          automatic: z.boolean().optional(),
          /** survey value → canonical code or null; a value left out is matched by code, then by label */
          choices: valueMap.optional(),
          rows: valueMap.optional(),
          columns: valueMap.optional(),
        }),
      )
      .min(1)
      .max(500),
  })
  .meta({ id: "SurveyMappingInput" });
export type SurveyMappingInput = z.input<typeof surveyMappingInputSchema>;

/**
 * Saves how some of a survey's questions map to the question bank. A question is mapped to one
 * canonical question of the same kind, each choice (matrix row, column) to one of its codes or to
 * none; one canonical question is asked by at most one question of a survey. Every question of the
 * input is checked before anything is written; then all are written in one transaction.
 */
export async function setSurveyMapping(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: unknown,
  options: { locale?: Locale } = {},
): Promise<SurveyMappingView> {
  requireSecretariat(actor);
  const data = parseInput(surveyMappingInputSchema, input);
  const survey = await findSurvey(deps.db, surveyId);
  const questions = listQuestions(survey.definition);
  const byName = new Map(questions.map((q) => [q.name, q]));
  const current = await loadSurveyMapping(deps.db, survey, questions);
  const effective = new Map(current.map((m) => [m.question, m]));
  const issues: FieldIssue[] = [];
  const writes: { question: string; mapping: QuestionMapping | null }[] = [];

  data.questions.forEach((entry, index) => {
    const at = (part: string) => `questions.${index}.${part}`;
    const q = byName.get(entry.name);
    if (!q) {
      issues.push({ field: at("name"), code: "survey-mapping-question", params: { question: entry.name } });
      return;
    }
    if (entry.automatic) {
      effective.set(q.name, automaticMapping(survey.template, q));
      writes.push({ question: q.name, mapping: null });
      return;
    }
    const canonical = entry.canonical ?? null;
    let mapping: QuestionMapping = {
      question: q.name,
      canonical: null,
      source: "staff",
      choices: {},
      rows: {},
      columns: {},
    };
    if (canonical !== null) {
      const c = canonicalQuestion(canonical);
      if (!c) {
        issues.push({ field: at("canonical"), code: "choice" });
        return;
      }
      if (!fitsCanonical(q, c)) {
        issues.push({ field: at("canonical"), code: "survey-mapping-kind" });
        return;
      }
      const matched = matchByCode(q, c, true);
      mapping = {
        ...mapping,
        canonical,
        choices: { ...matched.choices, ...entry.choices },
        rows: c.rows === null ? matched.rows : { ...matched.rows, ...entry.rows },
        columns: { ...matched.columns, ...entry.columns },
      };
    }
    for (const p of mappingProblems(q, mapping)) issues.push({ field: at(p.part), code: p.code });
    effective.set(q.name, mapping);
    writes.push({ question: q.name, mapping });
  });

  // One canonical question, one survey question: otherwise a respondent would count twice.
  const owners = new Map<string, string>();
  for (const q of questions) {
    const m = effective.get(q.name)!;
    if (m.canonical === null) continue;
    const owner = owners.get(m.canonical);
    if (owner === undefined) {
      owners.set(m.canonical, q.name);
      continue;
    }
    const index = data.questions.findIndex((e) => e.name === q.name || e.name === owner);
    issues.push({
      field: index >= 0 ? `questions.${index}.canonical` : "questions",
      code: "survey-mapping-taken",
      params: { canonical: m.canonical, question: owner },
    });
  }
  if (issues.length) throw new AppError("validation-failed", { fields: issues });

  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    for (const w of writes) {
      await trx
        .deleteFrom("survey_question_mappings")
        .where("survey_id", "=", survey.id)
        .where("question", "=", w.question)
        .execute();
      if (!w.mapping) continue;
      await trx
        .insertInto("survey_question_mappings")
        .values({
          survey_id: survey.id,
          question: w.question,
          canonical: w.mapping.canonical,
          map_json: JSON.stringify({ choices: w.mapping.choices, rows: w.mapping.rows, columns: w.mapping.columns }),
          updated_by: authorOf(actor),
          updated_at: now,
        })
        .execute();
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey.mapping",
      entityType: "survey",
      entityId: survey.id,
      after: {
        questions: writes.map((w) => ({
          question: w.question,
          canonical: w.mapping ? w.mapping.canonical : "automatic",
        })),
      },
    });
  });
  return getSurveyMapping(deps, actor, survey.id, options);
}
