import type { Kysely } from "kysely";

/**
 * The secretariat's review of each free text before it is shown outside the secretariat
 * (docs/survey-counting.md §6): approved as written, shown redacted, or hidden. A text without a
 * review is hidden from every view for sharing. Keyed by response, question and kind, so a
 * rebuild of the running counters (which rewrites survey_response_texts) keeps the reviews.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("survey_text_reviews")
    .addColumn("response_id", "text", (c) => c.notNull().references("survey_responses.id").onDelete("cascade"))
    .addColumn("survey_id", "text", (c) => c.notNull())
    .addColumn("question", "text", (c) => c.notNull())
    /** other | text */
    .addColumn("kind", "text", (c) => c.notNull())
    /** approved | redacted | hidden */
    .addColumn("decision", "text", (c) => c.notNull())
    /** The text views for sharing show when the decision is `redacted`. */
    .addColumn("shared_text", "text")
    .addColumn("reviewed_by", "text")
    .addColumn("reviewed_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("survey_text_reviews_pk", ["response_id", "question", "kind"])
    .execute();
  await db.schema
    .createIndex("survey_text_reviews_survey_idx")
    .on("survey_text_reviews")
    .columns(["survey_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("survey_text_reviews").execute();
}
