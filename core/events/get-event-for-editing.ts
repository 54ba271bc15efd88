import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { type EventView, findEventRow, loadEventView } from "./event-records.ts";

/** The event for the secretariat's editor, including the online join link the public never sees. */
export async function getEventForEditing(
  db: Kysely<DB>,
  actor: Actor,
  eventId: string,
): Promise<EventView & { onlineJoinUrl: string | null }> {
  requireSecretariat(actor);
  const row = await findEventRow(db, eventId);
  if (!row) throw new AppError("not-found");
  return { ...(await loadEventView(db, row)), onlineJoinUrl: row.online_join_url };
}
