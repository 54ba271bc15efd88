import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Answers } from "./check-answers.ts";

/** The complete responses' answers of one survey (partial ones never count). */
export async function* loadCompleteAnswers(db: Kysely<DB>, surveyId: string): AsyncGenerator<Answers> {
  const rows = await db.selectFrom("survey_responses").select("answers_json")
    .where("survey_id", "=", surveyId).where("status", "=", "complete").execute();
  for (const row of rows) yield JSON.parse(row.answers_json) as Answers;
}

export async function loadCompleteAnswersArray(db: Kysely<DB>, surveyId: string): Promise<Answers[]> {
  const result: Answers[] = [];
  for await (const answers of loadCompleteAnswers(db, surveyId)) result.push(answers);
  return result;
}
