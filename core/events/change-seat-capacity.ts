import { z } from "zod";
import { exclusiveTransaction, lockRow } from "../../db/locking.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput, wholeNumber } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { type SeatTypeView, seatTypesWithCounts, toSeatTypeView } from "./event-records.ts";
import { fillFreeSeats, findSeatType } from "./seat-allocation.ts";

export const seatTypeChangeSchema = z.object({
  capacity: wholeNumber({ min: 0, max: 100_000 }).optional(),
  label: z.string().trim().min(1).max(100).optional(),
  waitlist: z.boolean().optional(),
});
export type SeatTypeChange = z.input<typeof seatTypeChangeSchema>;

/**
 * Changes a seat type's capacity (or label, waitlist). A raise promotes the first in line at
 * once; a cut below the confirmed count drops nobody — the result's `over` tells the secretariat
 * how many to move.
 */
export async function changeSeatCapacity(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  key: string,
  input: SeatTypeChange,
): Promise<SeatTypeView & { promoted: string[] }> {
  requireSecretariat(actor);
  const change = parseInput(seatTypeChangeSchema, input);
  const result = await exclusiveTransaction(deps.db, async (trx) => {
    if (!(await lockRow(trx, "events", eventId))) throw new AppError("not-found");
    const seat = await findSeatType(trx, eventId, key);
    if (!seat) throw new AppError("not-found");
    const values = {
      ...(change.capacity !== undefined ? { capacity: change.capacity } : {}),
      ...(change.label !== undefined ? { label: change.label } : {}),
      ...(change.waitlist !== undefined ? { waitlist: change.waitlist ? 1 : 0 } : {}),
    };
    if (Object.keys(values).length)
      await trx.updateTable("event_seat_types").set(values).where("id", "=", seat.id).execute();
    const promoted = await fillFreeSeats(trx, deps, actor, eventId, key);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.seat-type.update",
      entityType: "event",
      entityId: eventId,
      before: { key, capacity: seat.capacity, label: seat.label, waitlist: seat.waitlist },
      after: { key, ...values, promoted: promoted.length },
    });
    const [updated] = await seatTypesWithCounts(trx, eventId, key);
    return { ...toSeatTypeView(updated!.row, updated!.counts), promoted };
  });
  if (result.promoted.length) deps.onMailQueued?.();
  return result;
}
