/**
 * Counted answer patterns: for each choice or matrix question of a survey, each distinct stored
 * answer with how many valid responses gave it, and the number of valid responses. Kept in the
 * transaction of every completion, exclusion and deletion (with the running counts, tallies.ts),
 * so a breakdown across communities (the programme's comparison) reads a few thousand patterns
 * instead of parsing every stored answer set. A pattern holds only what the counts already hold
 * (codes of choices and matrix cells), never a free text nor an "other" text.
 *
 * Why patterns and not the running counts: a breakdown's suppression needs which answers went
 * together in one response (a multiple choice's set, a matrix's cells), and the counters add
 * those up; a pattern keeps each response's answer to one question whole (docs/programme.md §Scale).
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { sha256 } from "../shared/crypto.ts";
import type { Answers } from "./check-answers.ts";
import type { QuestionInfo } from "./definition.ts";
import { loadCompleteAnswers } from "./load-answers.ts";

/** The pseudo-question whose one pattern counts the survey's valid responses. */
export const RESPONSES = "#responses";

export interface AnswerPattern {
  question: string;
  /** sha256 of `valueJson`: a key of bounded length (a matrix's answer can be long). */
  valueKey: string;
  /** the stored answer, as JSON; "" for RESPONSES */
  valueJson: string;
}

/** One survey's patterns as read back: its valid responses, and per question each answer and its count. */
export interface SurveyPatterns {
  responses: number;
  byQuestion: Map<string, { value: unknown; n: number }[]>;
}

const answered = (value: unknown) =>
  value !== undefined && value !== null && value !== "" && !(Array.isArray(value) && value.length === 0);

/** Only questions whose answers are codes: a free text is never kept twice. */
const patterned = (q: QuestionInfo) => q.kind === "single" || q.kind === "multiple" || q.kind === "grid";

/** The patterns one stored (already checked) answer set adds to, in one order for every transaction. */
export function patternsOf(questions: readonly QuestionInfo[], data: Answers): AnswerPattern[] {
  const out: AnswerPattern[] = [{ question: RESPONSES, valueKey: "", valueJson: "" }];
  for (const q of questions) {
    const value = data[q.name];
    if (!patterned(q) || !answered(value)) continue;
    const valueJson = JSON.stringify(value);
    out.push({ question: q.name, valueKey: sha256(valueJson), valueJson });
  }
  // Sorted, so that concurrent completions lock the same rows in the same order (no deadlock).
  return out.sort((a, b) => (patternId(a) < patternId(b) ? -1 : 1));
}

const patternId = (p: { question: string; valueKey: string }) => `${p.question}\u0000${p.valueKey}`;

/** Counts the patterns of many answer sets at once (a rebuild, the scale seed, a test's reference). */
export function countPatterns(
  questions: readonly QuestionInfo[],
  answerSets: Iterable<Answers>,
): (AnswerPattern & { count: number })[] {
  const counts = new Map<string, AnswerPattern & { count: number }>();
  for (const data of answerSets) {
    for (const p of patternsOf(questions, data)) {
      const id = patternId(p);
      const seen = counts.get(id);
      if (seen) seen.count++;
      else counts.set(id, { ...p, count: 1 });
    }
  }
  return [...counts.values()];
}

/** Adds (+1) or removes (−1) one valid response's patterns, inside the caller's transaction. */
export async function applyPatterns(
  trx: Kysely<DB>,
  surveyId: string,
  questions: readonly QuestionInfo[],
  data: Answers,
  sign: 1 | -1,
): Promise<void> {
  for (const p of patternsOf(questions, data)) {
    if (sign === -1) {
      await trx
        .updateTable("survey_answer_patterns")
        .set((eb) => ({ count: eb("count", "-", 1) }))
        .where("survey_id", "=", surveyId)
        .where("question", "=", p.question)
        .where("value_key", "=", p.valueKey)
        .execute();
      continue;
    }
    await trx
      .insertInto("survey_answer_patterns")
      .values({ survey_id: surveyId, question: p.question, value_key: p.valueKey, value_json: p.valueJson, count: 1 })
      .onConflict((oc) =>
        oc
          .columns(["survey_id", "question", "value_key"])
          .doUpdateSet((eb) => ({ count: eb("survey_answer_patterns.count", "+", 1) })),
      )
      .execute();
  }
}

/** Replaces a survey's patterns with those of `answerSets` (its valid responses), in the caller's transaction. */
export async function replacePatterns(
  trx: Kysely<DB>,
  surveyId: string,
  questions: readonly QuestionInfo[],
  answerSets: Iterable<Answers>,
): Promise<void> {
  await trx.deleteFrom("survey_answer_patterns").where("survey_id", "=", surveyId).execute();
  const rows = countPatterns(questions, answerSets).map((p) => ({
    survey_id: surveyId,
    question: p.question,
    value_key: p.valueKey,
    value_json: p.valueJson,
    count: p.count,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await trx
      .insertInto("survey_answer_patterns")
      .values(rows.slice(i, i + 200))
      .execute();
}

/** Recomputes a survey's patterns from its stored valid answers (migration 0740), in the caller's transaction. */
export async function rebuildPatternsIn(
  trx: Kysely<DB>,
  surveyId: string,
  questions: readonly QuestionInfo[],
): Promise<void> {
  await replacePatterns(trx, surveyId, questions, await loadCompleteAnswers(trx, surveyId));
}

/** The patterns of several surveys (by id), read in one query; a survey without responses has none. */
export async function loadPatterns(db: Kysely<DB>, surveyIds: readonly string[]): Promise<Map<string, SurveyPatterns>> {
  const out = new Map<string, SurveyPatterns>(surveyIds.map((id) => [id, { responses: 0, byQuestion: new Map() }]));
  if (!surveyIds.length) return out;
  const rows = await db
    .selectFrom("survey_answer_patterns")
    .select(["survey_id", "question", "value_json", "count"])
    .where("survey_id", "in", surveyIds)
    .where("count", ">", 0)
    // One order every time: the same counts give the same table and the same hidden cells.
    .orderBy("survey_id")
    .orderBy("question")
    .orderBy("value_key")
    .execute();
  const bySurvey = Map.groupBy(rows, (row) => row.survey_id);
  for (const [id, list] of bySurvey)
    out.set(id, surveyPatternsOf(list.map((r) => ({ question: r.question, valueJson: r.value_json, count: r.count }))));
  return out;
}

/** A survey's counted patterns (as stored, or as countPatterns made them) in the shape the comparison reads. */
export function surveyPatternsOf(
  rows: readonly { question: string; valueJson: string; count: number }[],
): SurveyPatterns {
  const survey: SurveyPatterns = { responses: 0, byQuestion: new Map() };
  for (const row of rows) {
    if (row.question === RESPONSES) {
      survey.responses = row.count;
      continue;
    }
    const list = survey.byQuestion.get(row.question) ?? [];
    list.push({ value: JSON.parse(row.valueJson), n: row.count });
    survey.byQuestion.set(row.question, list);
  }
  return survey;
}
