import { type Kysely, sql } from "kysely";

/**
 * The seed's seat rules: who may take a seat type (the venue for members and invited guests, online
 * for everyone), the guests the secretariat invites by name, and each attendee's role (講師, 役員,
 * 報道, スタッフ, 来賓) so that the figures count them apart. Existing seat types stay open to
 * everyone the event admits; existing registrations have no role (general participants).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("event_seat_types")
    .addColumn("eligibility", "text", (c) => c.notNull().defaultTo("everyone"))
    .execute();
  await db.schema.alterTable("registrations").addColumn("attendee_role", "text").execute();
  await db.schema
    .createTable("event_guests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("attendee_role", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await sql`create unique index event_guests_event_email on event_guests (event_id, lower(email))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("event_guests").execute();
  await db.schema.alterTable("registrations").dropColumn("attendee_role").execute();
  await db.schema.alterTable("event_seat_types").dropColumn("eligibility").execute();
}
