import { z } from "zod";
import { exclusiveTransaction, lockRow } from "../../db/locking.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { seatTypeKeySchema } from "./event-input.ts";
import { fillFreeSeats, lockedSeatType, mailRegistrant, placeFor } from "./seat-allocation.ts";

export const moveSchema = z.object({
  seatType: seatTypeKeySchema,
  /** true: onto the seat type's waitlist; false: a seat if one is free (else its waitlist). */
  toWaitlist: z.boolean().default(false),
});
export type MoveInput = z.input<typeof moveSchema>;

/**
 * The secretariat moves a registrant — typically one of those over capacity after a cut — to the
 * waitlist or to another seat type, and they are mailed. They keep their arrival number, so on a
 * waitlist they stand where their registration time puts them. A seat the move frees goes to
 * the first in line.
 */
export async function moveRegistration(
  deps: EventsDeps,
  actor: Actor,
  registrationId: string,
  input: MoveInput,
): Promise<{ id: string; status: string; seatType: string }> {
  requireSecretariat(actor);
  const target = parseInput(moveSchema, input);
  const current = await deps.db
    .selectFrom("registrations")
    .select(["event_id"])
    .where("id", "=", registrationId)
    .executeTakeFirst();
  if (!current) throw new AppError("not-found");
  const result = await exclusiveTransaction(deps.db, async (trx) => {
    await lockRow(trx, "events", current.event_id);
    const registration = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("id", "=", registrationId)
      .executeTakeFirstOrThrow();
    if (registration.status === "cancelled")
      throw new AppError("registration-cancelled", { fields: [{ field: "_", code: "events-registration-cancelled" }] });
    const seat = await lockedSeatType(trx, registration.event_id, target.seatType);
    if (seat.key === registration.seat_type_key && (registration.status === "waitlisted") === target.toWaitlist) {
      return { id: registrationId, status: registration.status, seatType: seat.key };
    }
    // Out of the old place first, so a move within one seat type does not count the mover twice.
    await trx.updateTable("registrations").set({ status: "cancelled" }).where("id", "=", registrationId).execute();
    let status: "confirmed" | "waitlisted";
    if (target.toWaitlist) {
      if (!seat.waitlist)
        throw new AppError("seat-type-full", { fields: [{ field: "seatType", code: "events-no-waitlist" }] });
      status = "waitlisted";
    } else {
      status = await placeFor(trx, seat);
    }
    const moved = await trx
      .updateTable("registrations")
      .set({ status, seat_type_key: seat.key, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", registrationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.move",
      entityType: "registration",
      entityId: registrationId,
      before: { status: registration.status, seatType: registration.seat_type_key },
      after: { status, seatType: seat.key },
    });
    await mailRegistrant(trx, deps, moved, "moved");
    if (registration.status === "confirmed")
      await fillFreeSeats(trx, deps, actor, registration.event_id, registration.seat_type_key);
    return { id: registrationId, status, seatType: seat.key };
  });
  deps.onMailQueued?.();
  return result;
}
