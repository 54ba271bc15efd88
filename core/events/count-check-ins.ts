import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";

/** For the check-in page's header: how many of the confirmed have come through the door. */
export async function countCheckIns(db: Kysely<DB>, actor: Actor, eventId: string): Promise<{ confirmed: number; checkedIn: number }> {
  requireSecretariat(actor);
  const row = await db
    .selectFrom("registrations")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("confirmed"),
      eb.fn.count<number | string>("checked_in_at").as("checkedIn"),
    ])
    .where("event_id", "=", eventId)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return { confirmed: Number(row.confirmed), checkedIn: Number(row.checkedIn) };
}
