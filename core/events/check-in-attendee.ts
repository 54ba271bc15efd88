import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";

export const checkInSchema = z.object({
  /** The ticket code from the QR (or typed), or a registration id from the name search. */
  ticket: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .transform((v) => v.replace(/^chiiki-ticket:/i, "")),
});

export interface CheckInResult {
  id: string;
  name: string;
  organisationName: string | null;
  seatType: string;
  checkedInAt: string;
}

/**
 * Staff check a confirmed registrant in at the door, once: a conditional UPDATE (only a row not
 * yet checked in changes), so two phones scanning the same ticket cannot both succeed.
 */
export async function checkInAttendee(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: z.input<typeof checkInSchema>,
): Promise<CheckInResult> {
  requireSecretariat(actor);
  const { ticket } = parseInput(checkInSchema, input);
  const code = ticket.toUpperCase();
  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const matches = (eb: any) => eb.or([eb("ticket_code", "=", code), eb("id", "=", ticket)]);
    const row = await trx
      .updateTable("registrations")
      .set({ checked_in_at: now, updated_at: now })
      .where("event_id", "=", eventId)
      .where(matches)
      .where("status", "=", "confirmed")
      .where("checked_in_at", "is", null)
      .returningAll()
      .executeTakeFirst();
    if (!row) {
      const found = await trx
        .selectFrom("registrations")
        .selectAll()
        .where("event_id", "=", eventId)
        .where(matches)
        .executeTakeFirst();
      if (!found) throw new AppError("not-found");
      if (found.checked_in_at) {
        throw new AppError("already-checked-in", {
          params: { name: found.name },
          fields: [{ field: "ticket", code: "events-already-checked-in", params: { name: found.name } }],
        });
      }
      throw new AppError("ticket-not-confirmed", {
        params: { name: found.name },
        fields: [{ field: "ticket", code: "events-not-confirmed", params: { name: found.name } }],
      });
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.check-in",
      entityType: "registration",
      entityId: row.id,
      after: { checkedInAt: now },
    });
    return {
      id: row.id,
      name: row.name,
      organisationName: row.organisation_name,
      seatType: row.seat_type_key,
      checkedInAt: now,
    };
  });
}
