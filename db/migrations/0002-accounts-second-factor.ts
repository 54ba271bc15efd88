import { type Kysely, sql } from "kysely";
import { authColumnTypes, dialectOf } from "../dialect.ts";

/**
 * Issue 13, items 1 and 2: a session records whether it passed the second factor. An account's
 * "TOTP is enabled" says nothing about the session in hand (a magic link or an invitation used
 * to make one without the code). Sessions made before this column existed did not prove it, so
 * they start as not verified: their owners sign in again with the code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { bool } = authColumnTypes(dialectOf(db));
  await db.schema
    .alterTable("session")
    .addColumn("secondFactorVerified", bool, (c) => c.notNull().defaultTo(bool === "boolean" ? sql`false` : sql`0`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("secondFactorVerified").execute();
}
