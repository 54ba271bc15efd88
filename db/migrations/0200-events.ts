import { type Kysely, sql } from "kysely";

/**
 * Seminars: events with seat types (each its own capacity and waitlist), the programme (sessions
 * and speakers), registrations, press coverage; and mail attachments for the confirmation .ics.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("theme", "text")
    .addColumn("description", "text")
    .addColumn("audience", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("reception_at", "text")
    .addColumn("venue_name", "text")
    .addColumn("venue_room", "text")
    .addColumn("venue_address", "text")
    .addColumn("venue_phone", "text")
    .addColumn("online_tool", "text")
    .addColumn("online_join_url", "text")
    .addColumn("fee_text", "text")
    .addColumn("organiser", "text")
    .addColumn("co_organisers", "text")
    .addColumn("registration_opens_at", "text", (c) => c.notNull())
    .addColumn("registration_closes_at", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("consent_text", "text")
    .addColumn("questions_json", "text", (c) => c.notNull())
    // The arrival counter: bumped under the event's lock, it orders registrations and waitlists.
    .addColumn("registration_sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("feedback_survey_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("events_starts_at_idx").on("events").column("starts_at").execute();

  await db.schema
    .createTable("event_seat_types")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("waitlist", "integer", (c) => c.notNull())
    .addColumn("online", "integer", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addUniqueConstraint("event_seat_types_event_key_unique", ["event_id", "key"])
    .execute();

  await db.schema
    .createTable("event_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("starts_at", "text")
    .addColumn("ends_at", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("abstract", "text")
    .execute();
  await db.schema.createIndex("event_sessions_event_idx").on("event_sessions").column("event_id").execute();

  await db.schema
    .createTable("event_speakers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("event_sessions.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("reading", "text")
    .addColumn("title", "text")
    .addColumn("affiliation", "text")
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("email", "text")
    .addColumn("profile", "text")
    .execute();
  await db.schema.createIndex("event_speakers_session_idx").on("event_speakers").column("session_id").execute();

  await db.schema
    .createTable("registrations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("seat_type_key", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("organisation_name", "text")
    .addColumn("sector", "text")
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("user_id", "text")
    .addColumn("answers_json", "text", (c) => c.notNull())
    .addColumn("arrival_sequence", "integer", (c) => c.notNull())
    .addColumn("ticket_code", "text", (c) => c.notNull().unique())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("checked_in_at", "text")
    .addColumn("attended_online", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("reminded_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("cancelled_at", "text")
    .execute();
  await db.schema
    .createIndex("registrations_event_order_idx")
    .on("registrations")
    .columns(["event_id", "arrival_sequence"])
    .execute();
  // One live registration per e-mail and event; a cancelled one does not block registering again.
  // Partial expression indexes behave the same on SQLite and PostgreSQL.
  await sql`create unique index registrations_event_email_live on registrations (event_id, lower(email)) where status <> 'cancelled'`.execute(
    db,
  );

  await db.schema
    .createTable("event_press_coverage")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text", (c) => c.notNull().references("events.id").onDelete("cascade"))
    .addColumn("outlet", "text", (c) => c.notNull())
    .addColumn("published_on", "text")
    .addColumn("url", "text")
    .addColumn("note", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // Mail attachments (the confirmation's .ics): JSON text, null for mail without any.
  await db.schema.alterTable("outbox_messages").addColumn("attachments_json", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("outbox_messages").dropColumn("attachments_json").execute();
  for (const table of [
    "event_press_coverage",
    "registrations",
    "event_speakers",
    "event_sessions",
    "event_seat_types",
    "events",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
