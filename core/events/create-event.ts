import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { type EventInput, eventInputSchema } from "./event-input.ts";
import { eventColumns, type EventView, findEventRow, loadEventView, writeProgramme } from "./event-records.ts";

/** The secretariat creates a seminar with its seat types, programme and questions; it is published at once. */
export async function createEvent(deps: EventsDeps, actor: Actor, input: EventInput): Promise<EventView> {
  requireSecretariat(actor);
  const data = parseInput(eventInputSchema, input);
  const now = deps.clock.now().toISOString();
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("events")
      .values({
        id,
        ...eventColumns(data, now),
        status: "published",
        registration_sequence: 0,
        feedback_survey_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [position, seat] of data.seatTypes.entries()) {
      await trx
        .insertInto("event_seat_types")
        .values({
          id: newId(),
          event_id: id,
          key: seat.key,
          label: seat.label,
          capacity: seat.capacity,
          waitlist: seat.waitlist ? 1 : 0,
          online: (seat.online ?? seat.key === "online") ? 1 : 0,
          eligibility: seat.eligibility,
          position,
        })
        .execute();
    }
    await writeProgramme(trx, id, data.sessions);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.create",
      entityType: "event",
      entityId: id,
      after: data,
    });
  });
  return loadEventView(deps.db, (await findEventRow(deps.db, id))!);
}
