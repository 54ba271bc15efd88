import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";

/** How far back an ended seminar still asks for its feedback survey. */
export const FEEDBACK_LOOKBACK_DAYS = 180;

/**
 * Seminars that ended (within the last FEEDBACK_LOOKBACK_DAYS days, not cancelled) with no
 * feedback survey: neither the event's own feedback survey nor any survey linked to it. The
 * report's seminar section (3.2) has nothing to say about them until one is made. Most recent first.
 */
export async function listEventsWithoutFeedback(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<{ id: string; title: string; endsAt: string }[]> {
  requireSecretariat(actor);
  const since = new Date(now.getTime() - FEEDBACK_LOOKBACK_DAYS * 86_400_000).toISOString();
  return db
    .selectFrom("events")
    .select(["events.id", "events.title", "events.ends_at as endsAt"])
    .where("events.status", "!=", "cancelled")
    .where("events.ends_at", "<=", now.toISOString())
    .where("events.ends_at", ">=", since)
    .where("events.feedback_survey_id", "is", null)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("surveys").select("surveys.id").whereRef("surveys.event_id", "=", "events.id"))),
    )
    .orderBy("events.ends_at", "desc")
    .execute();
}
