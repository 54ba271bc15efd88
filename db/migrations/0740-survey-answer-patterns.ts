import type { Kysely } from "kysely";
import { rebuildPatternsIn } from "../../core/surveys/answer-patterns.ts";
import { listQuestions, type SurveyDefinition } from "../../core/surveys/definition.ts";
import { communityScope } from "../community-scope.ts";

/**
 * Counted answer patterns per survey (core/surveys/answer-patterns.ts, issue 18): each distinct
 * answer to a choice or matrix question with how many valid responses gave it, and the survey's
 * number of valid responses, kept with the running counts. The programme's comparison across
 * communities reads these instead of every stored answer set (docs/programme.md §Scale).
 * Surveys answered before this migration get theirs from their stored answers.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_answer_patterns")
    .addColumn("community_id", "text", (c) => c.notNull().references("communities.id"))
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    .addColumn("value_key", "text", (c) => c.notNull())
    .addColumn("value_json", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_answer_patterns_pk", ["community_id", "survey_id", "question", "value_key"])
    .execute();
  // The programme reads by survey across communities (over the installation's database).
  await db.schema
    .createIndex("survey_answer_patterns_survey_idx")
    .on("survey_answer_patterns")
    .columns(["survey_id", "question", "value_key"])
    .execute();

  const surveys = await db.selectFrom("surveys").select(["id", "community_id", "definition_json"]).execute();
  for (const survey of surveys) {
    const questions = listQuestions(JSON.parse(survey.definition_json) as SurveyDefinition);
    await rebuildPatternsIn(db.withPlugin(communityScope(survey.community_id)), survey.id, questions);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_answer_patterns").execute();
}
