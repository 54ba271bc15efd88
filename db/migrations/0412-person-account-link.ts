import { type Kysely, sql } from "kysely";

/**
 * Accounts and registry people (issue 16, item 2): one account is at most one person. Before
 * this, nothing but the invitation's own check kept two people from naming one account; should
 * an installation hold such a pair, the person linked first (the smaller, time-ordered id) keeps
 * the link and the others lose it, so that the unique index can be built.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db
    .updateTable("people")
    .set({ user_id: null })
    .where("user_id", "is not", null)
    .where(
      "id",
      "not in",
      db.selectFrom("people").select(sql<string>`min(id)`.as("id")).where("user_id", "is not", null).groupBy("user_id"),
    )
    .execute();
  await db.schema.dropIndex("people_user_idx").execute();
  await db.schema.createIndex("people_user_unique").on("people").column("user_id").unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("people_user_unique").execute();
  await db.schema.createIndex("people_user_idx").on("people").column("user_id").execute();
}
