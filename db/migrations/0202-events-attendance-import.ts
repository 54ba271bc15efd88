import type { Kysely } from "kysely";

/**
 * The online attendance import (docs/attendance-import.md): the minutes the online tool's report
 * gave a registration (all joins added up), and walk-ins, people who attended online without
 * registering and whom the secretariat recorded from the report (they count as attended, never
 * as registered).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").addColumn("online_minutes", "integer").execute();
  await db.schema
    .alterTable("registrations")
    .addColumn("walk_in", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("registrations").dropColumn("walk_in").execute();
  await db.schema.alterTable("registrations").dropColumn("online_minutes").execute();
}
