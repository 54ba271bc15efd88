import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import type { MatchableRegistration } from "./match-attendance.ts";

/** An event's live (not cancelled) registrations, walk-ins included, in arrival order. */
export async function loadMatchableRegistrations(
  db: Kysely<DB>,
  eventId: string,
): Promise<(MatchableRegistration & { organisationName: string | null; onlineMinutes: number | null })[]> {
  const rows = await db
    .selectFrom("registrations")
    .select(["id", "name", "email", "organisation_name", "attended_online", "online_minutes", "walk_in"])
    .where("event_id", "=", eventId)
    .where("status", "<>", "cancelled")
    .orderBy("arrival_sequence")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    // A walk-in without an address has a placeholder no report carries.
    email: r.email.endsWith("@walk-in.invalid") ? "" : r.email,
    organisationName: r.organisation_name,
    attendedOnline: Boolean(r.attended_online),
    onlineMinutes: r.online_minutes,
    walkIn: Boolean(r.walk_in),
  }));
}
