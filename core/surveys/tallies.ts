/**
 * Running counts of a survey's complete responses, kept in the same transaction as each
 * completion (+1) and deletion (−1), so results read counters instead of every answer set.
 * The keys follow the counting rules of aggregate-answers.ts: `#base` counts the responses that
 * answered a question (or a matrix row); other values count choices and matrix cells.
 */
import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Answers } from "./check-answers.ts";
import type { QuestionInfo } from "./definition.ts";
import { answerCounts } from "./answer-counts.ts";
import { applyPatterns, replacePatterns } from "./answer-patterns.ts";

export const BASE = "#base";

interface Key {
  question: string;
  row: string;
  value: string;
}

/** The counters one stored (already checked) answer set adds to. */
export function tallyKeys(questions: QuestionInfo[], data: Answers): Key[] {
  const keys: Key[] = [];
  for (const q of questions) {
    const counts = answerCounts(q, data[q.name]);
    if (!counts) continue;
    keys.push({ question: q.name, row: "", value: BASE });
    for (const value of counts.values) keys.push({ question: q.name, row: "", value });
    for (const r of counts.rows) {
      keys.push({ question: q.name, row: r.row, value: BASE });
      for (const value of r.values) keys.push({ question: q.name, row: r.row, value });
    }
  }
  // One order for every transaction, so concurrent completions lock counters without deadlock.
  return keys.sort((a, b) =>
    `${a.question}\u0000${a.row}\u0000${a.value}` < `${b.question}\u0000${b.row}\u0000${b.value}` ? -1 : 1,
  );
}

/** Free texts and "other" texts of one answer set, in question order (one of each per question). */
export function textEntries(
  questions: QuestionInfo[],
  data: Answers,
): { question: string; kind: "other" | "text"; text: string }[] {
  const texts: { question: string; kind: "other" | "text"; text: string }[] = [];
  for (const q of questions) {
    const text = answerCounts(q, data[q.name])?.text;
    if (text) texts.push({ question: q.name, kind: "text", text });
    const comment = data[`${q.name}-Comment`];
    if (q.hasOther && typeof comment === "string" && comment.trim())
      texts.push({ question: q.name, kind: "other", text: comment });
  }
  return texts;
}

/**
 * Adds (+1) or removes (−1) one complete response's counts and answer patterns
 * (answer-patterns.ts); texts go with the response row.
 */
export async function applyTally(
  trx: Kysely<DB>,
  surveyId: string,
  responseId: string,
  questions: QuestionInfo[],
  data: Answers,
  sign: 1 | -1,
): Promise<void> {
  await applyPatterns(trx, surveyId, questions, data, sign);
  for (const key of tallyKeys(questions, data)) {
    if (sign === -1) {
      await trx
        .updateTable("survey_tallies")
        .set((eb) => ({ count: eb("count", "-", 1) }))
        .where("survey_id", "=", surveyId)
        .where("question", "=", key.question)
        .where("row_key", "=", key.row)
        .where("value", "=", key.value)
        .execute();
      continue;
    }
    await trx
      .insertInto("survey_tallies")
      .values({ survey_id: surveyId, question: key.question, row_key: key.row, value: key.value, count: sign })
      .onConflict((oc) =>
        oc
          .columns(["survey_id", "question", "row_key", "value"])
          .doUpdateSet((eb) => ({ count: eb("survey_tallies.count", "+", sign) })),
      )
      .execute();
  }
  if (sign === 1) {
    for (const t of textEntries(questions, data)) {
      await trx
        .insertInto("survey_response_texts")
        .values({
          id: newId(),
          response_id: responseId,
          survey_id: surveyId,
          question: t.question,
          kind: t.kind,
          text: t.text,
        })
        .execute();
    }
  }
}

/**
 * Recomputes a survey's counters, answer patterns and texts from its stored answers (after a restore, or for rows
 * written without them, as the aggregate benchmark does). One transaction.
 */
export async function rebuildTallies(db: Kysely<DB>, surveyId: string, questions: QuestionInfo[]): Promise<void> {
  await db.transaction().execute((trx) => rebuildTalliesIn(trx, surveyId, questions));
}

/** rebuildTallies inside a transaction the caller holds (a migration). */
export async function rebuildTalliesIn(trx: Kysely<DB>, surveyId: string, questions: QuestionInfo[]): Promise<void> {
  await trx.deleteFrom("survey_tallies").where("survey_id", "=", surveyId).execute();
  await trx.deleteFrom("survey_response_texts").where("survey_id", "=", surveyId).execute();
  const rows = await trx
    .selectFrom("survey_responses")
    .select(["id", "answers_json"])
    .where("survey_id", "=", surveyId)
    .where("status", "=", "complete")
    // A response marked invalid counts nowhere (set-response-validity.ts).
    .where("excluded_at", "is", null)
    .orderBy("id")
    .execute();
  const counts = new Map<string, { question: string; row: string; value: string; count: number }>();
  const texts: { id: string; response_id: string; survey_id: string; question: string; kind: string; text: string }[] =
    [];
  const answerSets = rows.map((row) => JSON.parse(row.answers_json) as Answers);
  await replacePatterns(trx, surveyId, questions, answerSets);
  for (const [i, row] of rows.entries()) {
    const data = answerSets[i]!;
    for (const key of tallyKeys(questions, data)) {
      const k = `${key.question}\u0000${key.row}\u0000${key.value}`;
      const entry = counts.get(k);
      if (entry) entry.count++;
      else counts.set(k, { ...key, count: 1 });
    }
    for (const t of textEntries(questions, data))
      texts.push({ id: newId(), response_id: row.id, survey_id: surveyId, ...t });
  }
  const values = [...counts.values()].map((c) => ({
    survey_id: surveyId,
    question: c.question,
    row_key: c.row,
    value: c.value,
    count: c.count,
  }));
  for (let i = 0; i < values.length; i += 200)
    await trx
      .insertInto("survey_tallies")
      .values(values.slice(i, i + 200))
      .execute();
  for (let i = 0; i < texts.length; i += 200)
    await trx
      .insertInto("survey_response_texts")
      .values(texts.slice(i, i + 200))
      .execute();
}
