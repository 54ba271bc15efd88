import type { Kysely } from "kysely";

/**
 * IPA's 自社診断 score on the organisation's record, as posture history (0110's table): a
 * completed self-check answered for an organisation adds a row of kind `self-check` whose level
 * is IPA's band (full | high | mid | low) and whose `score` is the total (−25..100); the latest
 * is the organisation's current score. `survey_id` names the survey it came from (not the
 * response: responses stay anonymous). Other kinds leave both null.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation_posture").addColumn("score", "integer").execute();
  await db.schema.alterTable("organisation_posture").addColumn("survey_id", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation_posture").dropColumn("survey_id").execute();
  await db.schema.alterTable("organisation_posture").dropColumn("score").execute();
}
