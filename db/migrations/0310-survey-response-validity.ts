import type { Kysely } from "kysely";

/**
 * Valid responses (有効回答): the secretariat can mark a complete response invalid — a duplicate,
 * a test, out of scope — with a reason, and undo it. An excluded response keeps its answers but
 * leaves the running counters and every figure (docs/survey-counting.md §7); results and the
 * report say how many were excluded.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("survey_responses").addColumn("excluded_at", "text").execute();
  /** duplicate | test | out-of-scope | other */
  await db.schema.alterTable("survey_responses").addColumn("excluded_reason", "text").execute();
  /** the secretariat's words on why (optional) */
  await db.schema.alterTable("survey_responses").addColumn("excluded_note", "text").execute();
  /** the account that marked it */
  await db.schema.alterTable("survey_responses").addColumn("excluded_by", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ["excluded_by", "excluded_note", "excluded_reason", "excluded_at"])
    await db.schema.alterTable("survey_responses").dropColumn(column).execute();
}
