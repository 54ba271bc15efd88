import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { type GuestView, toGuestView } from "./invite-guest.ts";
import { guestRegistrationUrl, guestToken } from "./seat-rules.ts";

/** The event's invited guests, each with their personal registration link (the secretariat's). */
export async function listGuests(
  deps: { db: Kysely<DB>; baseUrl: string; secret: string },
  actor: Actor,
  eventId: string,
): Promise<GuestView[]> {
  requireSecretariat(actor);
  const rows = await deps.db
    .selectFrom("event_guests")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map((row) =>
    toGuestView(row, guestRegistrationUrl(deps.baseUrl, eventId, guestToken(deps.secret, eventId, row.email))),
  );
}
