import type { Kysely } from "kysely";
import { listQuestions, type SurveyDefinition } from "../../core/surveys/definition.ts";
import { rebuildTalliesIn } from "../../core/surveys/tallies.ts";

/**
 * Running counts of complete responses per survey (bases, choices, matrix cells) and their free
 * texts, kept in the transaction of every completion and deletion, so that results read a few
 * hundred counters instead of parsing every stored answer set (docs/survey-counting.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_tallies")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("row_key", "text", (c) => c.notNull())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_tallies_pk", ["survey_id", "question", "row_key", "value"])
    .execute();

  await db.schema
    .createTable("survey_response_texts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("response_id", "text", (c) => c.notNull().references("survey_responses.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    /** other | text */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("survey_response_texts_survey_idx")
    .on("survey_response_texts")
    .columns(["survey_id", "response_id"])
    .execute();

  // Surveys answered before this migration get their counters from the stored answers.
  const surveys = await db.selectFrom("surveys").select(["id", "definition_json"]).execute();
  for (const survey of surveys) {
    await rebuildTalliesIn(db, survey.id, listQuestions(JSON.parse(survey.definition_json) as SurveyDefinition));
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_response_texts").execute();
  await db.schema.dropTable("survey_tallies").execute();
}
