import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { PressCoverage } from "./record-press-coverage.ts";

/** The press coverage recorded for an event, by publication date. */
export async function listPressCoverage(db: Kysely<DB>, actor: Actor, eventId: string): Promise<PressCoverage[]> {
  requireSecretariat(actor);
  const rows = await db
    .selectFrom("event_press_coverage")
    .selectAll()
    .where("event_id", "=", eventId)
    .orderBy("published_on")
    .orderBy("created_at")
    .execute();
  return rows.map((r) => ({ id: r.id, outlet: r.outlet, publishedOn: r.published_on, url: r.url, note: r.note }));
}
