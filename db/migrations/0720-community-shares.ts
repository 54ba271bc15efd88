import type { Kysely } from "kysely";

/**
 * Sharing across communities (issue 18, ADR 038): the publishing community's secretariat shares a
 * post or a talk material with other communities of the installation. Each share is a row of the
 * publisher (a community table: `community_id` is the publisher, so only its secretariat can add or
 * withdraw one, through its scoped database); the receiving side reads them over the unscoped
 * database in core/sharing/shared-from-communities.ts, naming `target_community_id` itself.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, subject, parent] of [
    ["post_shares", "post_id", "posts.id"],
    ["material_shares", "material_id", "talk_materials.id"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("community_id", "text", (c) => c.notNull().references("communities.id"))
      .addColumn(subject, "text", (c) => c.notNull().references(parent).onDelete("cascade"))
      .addColumn("target_community_id", "text", (c) => c.notNull().references("communities.id").onDelete("cascade"))
      .addColumn("shared_by", "text")
      .addColumn("shared_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, [subject, "target_community_id"])
      .execute();
    // The receiving community's pages read by target; the publisher's by its own id and subject.
    await db.schema
      .createIndex(`${table}_target_idx`)
      .on(table)
      .columns(["target_community_id", "community_id"])
      .execute();
    await db.schema.createIndex(`${table}_community_idx`).on(table).columns(["community_id", subject]).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("material_shares").execute();
  await db.schema.dropTable("post_shares").execute();
}
