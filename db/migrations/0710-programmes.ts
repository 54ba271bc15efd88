import type { Kysely } from "kysely";

/**
 * The programme office (issue 18, docs/programme.md): a programme (a regional bureau's
 * communities, or a national view) groups communities, and its staff read only aggregate figures
 * of them (core/programme). Staff are accounts of the installation; being programme staff is no
 * role in any community, so it gives no access to a community's own pages or records.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("programmes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_en", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("programme_communities")
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id").onDelete("cascade"))
    .addColumn("community_id", "text", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_communities_pk", ["programme_id", "community_id"])
    .execute();
  await db.schema
    .createTable("programme_staff")
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("programme_staff_pk", ["programme_id", "user_id"])
    .execute();
  await db.schema.createIndex("programme_staff_user_idx").on("programme_staff").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("programme_staff").execute();
  await db.schema.dropTable("programme_communities").execute();
  await db.schema.dropTable("programmes").execute();
}
