import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Answers } from "./check-answers.ts";

/**
 * The valid responses' answers of one survey: complete and not marked invalid (partial and
 * excluded ones never count, so every breakdown and its suppression is over the valid set).
 */
export async function loadCompleteAnswers(db: Kysely<DB>, surveyId: string): Promise<Answers[]> {
  const rows = await db
    .selectFrom("survey_responses")
    .select("answers_json")
    .where("survey_id", "=", surveyId)
    .where("status", "=", "complete")
    .where("excluded_at", "is", null)
    .orderBy("id")
    .execute();
  const answers = new Array<Answers>(rows.length);
  for (let i = 0; i < rows.length; i++) answers[i] = JSON.parse(rows[i]!.answers_json) as Answers;
  return answers;
}
