import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { EventsDeps } from "./deps.ts";

/**
 * Withdraws a guest's invitation: their link admits nobody from now on. A registration they made
 * already stands (the secretariat cancels it separately, and the guest is mailed then).
 */
export async function removeGuest(deps: EventsDeps, actor: Actor, eventId: string, guestId: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom("event_guests")
      .where("id", "=", guestId)
      .where("event_id", "=", eventId)
      .returning(["email", "attendee_role"])
      .executeTakeFirst();
    if (!removed) throw new AppError("not-found");
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.guest-remove",
      entityType: "event",
      entityId: eventId,
      before: { email: removed.email, attendeeRole: removed.attendee_role },
    });
  });
}
