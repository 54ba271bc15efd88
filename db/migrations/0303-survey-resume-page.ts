import type { Kysely } from "kysely";

/**
 * The page a partial response stopped at, so that answering resumes there (not on page 1). An
 * index into the definition's pages; nothing about who answered.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_responses").addColumn("resume_page", "integer").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_responses").dropColumn("resume_page").execute();
}
