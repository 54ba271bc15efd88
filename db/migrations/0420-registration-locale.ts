import type { Kysely } from "kysely";

/**
 * The language a registrant registered in (`ja` | `en`), so that every later mail about the
 * registration (waitlist, promotion, move, cancellation, reminder, feedback) is in it too.
 * Registrations made before were made through the Japanese pages: `ja`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("registrations")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("ja"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("locale").execute();
}
