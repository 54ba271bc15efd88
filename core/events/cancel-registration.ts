import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { EventsDeps } from "./deps.ts";
import { authoriseRegistrationChange, changeLockedRegistration } from "./registration-change.ts";
import { fillFreeSeats, mailRegistrant } from "./seat-allocation.ts";

export interface CancellationResult {
  id: string;
  status: "cancelled";
  /** Registrations promoted from the waitlist into the freed seat. */
  promoted: string[];
}

/**
 * Cancels a registration — by the registrant (their link token) or the secretariat. A freed seat
 * goes to the first in that seat type's waitlist in the same transaction, and both are mailed.
 * Cancelling twice answers the same result.
 */
export async function cancelRegistration(
  deps: EventsDeps,
  actor: Actor,
  registrationId: string,
  token?: string | null,
): Promise<CancellationResult> {
  const ownToken = authoriseRegistrationChange(deps, actor, registrationId, token);
  return changeLockedRegistration(deps, registrationId, async (trx, registration) => {
    if (registration.status === "cancelled") return { id: registrationId, status: "cancelled" as const, promoted: [] };
    const now = deps.clock.now().toISOString();
    const cancelled = await trx
      .updateTable("registrations")
      .set({ status: "cancelled", cancelled_at: now, updated_at: now })
      .where("id", "=", registrationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.cancel",
      entityType: "registration",
      entityId: registrationId,
      before: { status: registration.status, seatType: registration.seat_type_key },
      after: { status: "cancelled", by: ownToken ? "registrant" : "secretariat" },
    });
    await mailRegistrant(trx, deps, cancelled, "cancelled");
    const promoted =
      registration.status === "confirmed"
        ? await fillFreeSeats(trx, deps, actor, registration.event_id, registration.seat_type_key)
        : [];
    return { id: registrationId, status: "cancelled" as const, promoted };
  });
}
