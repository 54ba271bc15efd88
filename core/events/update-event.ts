import { newId } from "../../db/ids.ts";
import { exclusiveTransaction, lockRow } from "../../db/locking.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { type EventInput, eventInputSchema } from "./event-input.ts";
import { eventColumns, type EventView, findEventRow, loadEventView, writeProgramme } from "./event-records.ts";
import { fillFreeSeats } from "./seat-allocation.ts";

/**
 * The editor saves the whole event. Seat types are matched by key: new keys are added, existing
 * ones take the new label, waitlist flag and capacity (a raise promotes from the waitlist, a cut
 * drops nobody); a seat type that holds registrations cannot be removed.
 */
export async function updateEvent(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: EventInput,
): Promise<EventView> {
  requireSecretariat(actor);
  const data = parseInput(eventInputSchema, input);
  const existing = await findEventRow(deps.db, eventId);
  if (!existing) throw new AppError("not-found");
  await exclusiveTransaction(deps.db, async (trx) => {
    await lockRow(trx, "events", eventId);
    const before = await loadEventView(trx, existing);
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable("events")
      .set({ ...eventColumns(data, existing.registration_opens_at), updated_at: now })
      .where("id", "=", eventId)
      .execute();
    const keep = new Set(data.seatTypes.map((s) => s.key));
    for (const old of before.seatTypes) {
      if (keep.has(old.key)) continue;
      if (old.confirmed + old.waitlisted > 0) {
        const index = before.seatTypes.findIndex((s) => s.key === old.key);
        throw new AppError("seat-type-in-use", {
          fields: [{ field: `seatTypes.${index}.key`, code: "events-seat-type-in-use" }],
        });
      }
      await trx.deleteFrom("event_seat_types").where("event_id", "=", eventId).where("key", "=", old.key).execute();
    }
    for (const [position, seat] of data.seatTypes.entries()) {
      const online = (seat.online ?? seat.key === "online") ? 1 : 0;
      const values = {
        label: seat.label,
        capacity: seat.capacity,
        waitlist: seat.waitlist ? 1 : 0,
        online,
        eligibility: seat.eligibility,
        position,
      };
      const updated = await trx
        .updateTable("event_seat_types")
        .set(values)
        .where("event_id", "=", eventId)
        .where("key", "=", seat.key)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        await trx
          .insertInto("event_seat_types")
          .values({ id: newId(), event_id: eventId, key: seat.key, ...values })
          .execute();
      }
    }
    await writeProgramme(trx, eventId, data.sessions);
    for (const seat of data.seatTypes) await fillFreeSeats(trx, deps, actor, eventId, seat.key);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.update",
      entityType: "event",
      entityId: eventId,
      before,
      after: data,
    });
  });
  deps.onMailQueued?.();
  return loadEventView(deps.db, (await findEventRow(deps.db, eventId))!);
}
