import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isSecretariat, isSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { type EventView, findEventRow, loadEventView } from "./event-records.ts";

/** An event's page: public events for everyone, members-only events for those signed in. */
export async function getEvent(db: Kysely<DB>, actor: Actor, eventId: string): Promise<EventView> {
  const row = await findEventRow(db, eventId);
  if (!row) throw new AppError("not-found");
  if (row.audience === "members" && !isSignedIn(actor)) throw new AppError("not-found");
  if (row.status !== "published" && !isSecretariat(actor)) throw new AppError("not-found");
  return loadEventView(db, row);
}
