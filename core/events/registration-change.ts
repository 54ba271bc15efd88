import type { Kysely } from "kysely";
import { exclusiveTransaction, lockRow } from "../../db/locking.ts";
import type { DB, Row } from "../../db/schema.ts";
import { type Actor, isSecretariat, isSignedIn, requireSecretariat } from "../accounts/actor.ts";
import { safeEqual } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import type { EventsDeps } from "./deps.ts";
import { registrationToken } from "./registration-links.ts";

/**
 * Who may change a registration: the registrant, by the token of their own link, or the
 * secretariat. Answers whether it is the registrant; refuses anyone else.
 */
export function authoriseRegistrationChange(
  deps: EventsDeps,
  actor: Actor,
  registrationId: string,
  token: string | null | undefined,
): boolean {
  const byRegistrant = Boolean(token) && safeEqual(token!, registrationToken(deps.secret, registrationId));
  if (!byRegistrant) {
    if (!isSecretariat(actor)) throw new AppError(token || isSignedIn(actor) ? "forbidden" : "unauthenticated");
    requireSecretariat(actor);
  }
  return byRegistrant;
}

/**
 * Runs `change` in one exclusive transaction that holds the registration's event (so no seat
 * decision of that event runs beside it), with the registration as it stands under that lock;
 * after the commit, wakes the mail worker for what the change queued.
 */
export async function changeLockedRegistration<T>(
  deps: EventsDeps,
  registrationId: string,
  change: (trx: Kysely<DB>, registration: Row<"registrations">, event: Row<"events">) => Promise<T>,
): Promise<T> {
  const current = await deps.db
    .selectFrom("registrations")
    .select(["event_id"])
    .where("id", "=", registrationId)
    .executeTakeFirst();
  if (!current) throw new AppError("not-found");
  const result = await exclusiveTransaction(deps.db, async (trx) => {
    const event = await lockRow(trx, "events", current.event_id);
    const registration = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", registrationId)
      .executeTakeFirstOrThrow();
    return change(trx, registration, event!);
  });
  deps.onMailQueued?.();
  return result;
}
