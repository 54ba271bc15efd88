import type { Kysely } from "kysely";

/**
 * Security posture imported from a CSV or XLSX file (issue 18): each upload is a batch, checked
 * first (the preview, under a one-time token) and written on commit in one transaction. The batch
 * stays as the record of what was imported, and every posture row it wrote names it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("posture_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_by", "text")
    /** the checked rows (accepted and refused), JSON */
    .addColumn("rows_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("committed_at", "text")
    /** posture records written by the commit */
    .addColumn("written", "integer")
    .execute();
  await db.schema.alterTable("organisation_posture").addColumn("import_id", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisation_posture").dropColumn("import_id").execute();
  await db.schema.dropTable("posture_imports").execute();
}
