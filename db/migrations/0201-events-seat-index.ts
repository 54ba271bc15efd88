import type { Kysely } from "kysely";

/**
 * Seat allocation counts confirmed and waitlisted registrations per seat type and walks each
 * waitlist in arrival order under the event lock; this index keeps that work proportional to
 * the seat type's registrations, not the event's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("registrations_seat_status_idx")
    .on("registrations")
    .columns(["event_id", "seat_type_key", "status", "arrival_sequence"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("registrations_seat_status_idx").execute();
}
