import type { Kysely } from "kysely";

/**
 * A survey's questions mapped to the question bank (core/surveys/question-bank.ts): per survey
 * question, the canonical question it asks (or none, said explicitly) and which canonical choice
 * each of its choices, matrix rows and columns counts as. A question with no row here follows the
 * automatic mapping of the standard template (questions the template created map to themselves),
 * so existing surveys need no data change.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_question_mappings")
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("question", "text", (c) => c.notNull())
    /** the canonical question's code (q1 … q17), or null: this question maps to none */
    .addColumn("canonical", "text")
    /** JSON `{ choices: {value: code|null}, rows: {…}, columns: {…} }` */
    .addColumn("map_json", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_question_mappings_pk", ["survey_id", "question"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_question_mappings").execute();
}
