import type { Kysely } from "kysely";

/** The annual report's narrative edits, one row per fiscal year and block. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("report_edits")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("fiscal_year", "integer", (c) => c.notNull())
    .addColumn("block_id", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.notNull())
    .addUniqueConstraint("report_edits_block_unique", ["fiscal_year", "block_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("report_edits").execute();
}
