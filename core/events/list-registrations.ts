import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Kysely } from "kysely";
import { containsInsensitive } from "../../db/dialect.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";

export const registrationFilterSchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  status: z.enum(["confirmed", "waitlisted", "cancelled"]).optional(),
  seatType: z.string().trim().max(32).optional(),
  /** Name, e-mail, organisation or ticket code contains this. */
  q: z.string().trim().max(100).optional(),
});
export type RegistrationFilter = z.input<typeof registrationFilterSchema>;

export interface RegistrationListItem {
  id: string;
  name: string;
  email: string;
  organisationId: string | null;
  organisationName: string | null;
  sector: string | null;
  seatType: string;
  status: string;
  /** Arrival order within the event (1 = first to register). */
  arrival: number;
  /** Place in the seat type's waitlist, for waitlisted registrations. */
  waitlistPosition: number | null;
  ticketCode: string;
  checkedInAt: string | null;
  attendedOnline: boolean;
  /** speaker | officer | press | staff | guest; null for a general participant */
  attendeeRole: string | null;
  answers: Record<string, string>;
  createdAt: string;
  cancelledAt: string | null;
}

/** The secretariat's list of an event's registrations, in registration (arrival) order. */
export async function listRegistrations(
  db: Kysely<DB>,
  actor: Actor,
  eventId: string,
  filter: RegistrationFilter,
): Promise<{ items: RegistrationListItem[]; total: number }> {
  requireSecretariat(actor);
  const f = parseInput(registrationFilterSchema, filter);
  const event = await db.selectFrom("events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  let query = db.selectFrom("registrations").where("event_id", "=", eventId);
  if (f.status) query = query.where("status", "=", f.status);
  if (f.seatType) query = query.where("seat_type_key", "=", f.seatType);
  if (f.q) {
    const q = f.q;
    query = query.where((eb) =>
      eb.or([
        containsInsensitive("name", q),
        containsInsensitive("email", q),
        containsInsensitive("organisation_name", q),
        eb("ticket_code", "=", q.toUpperCase()),
      ]),
    );
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy("arrival_sequence").limit(f.limit).offset(f.offset).execute();
  // Waitlist positions: rank among the waitlisted of the same seat type.
  const waiting = await db
    .selectFrom("registrations")
    .select(["id", "seat_type_key"])
    .where("event_id", "=", eventId)
    .where("status", "=", "waitlisted")
    .orderBy("arrival_sequence")
    .execute();
  const positions = new Map<string, number>();
  const perSeat = new Map<string, number>();
  for (const w of waiting) {
    const n = (perSeat.get(w.seat_type_key) ?? 0) + 1;
    perSeat.set(w.seat_type_key, n);
    positions.set(w.id, n);
  }
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      sector: r.sector,
      seatType: r.seat_type_key,
      status: r.status,
      arrival: Number(r.arrival_sequence),
      waitlistPosition: positions.get(r.id) ?? null,
      ticketCode: r.ticket_code,
      checkedInAt: r.checked_in_at,
      attendedOnline: Boolean(r.attended_online),
      attendeeRole: r.attendee_role,
      answers: JSON.parse(r.answers_json) as Record<string, string>,
      createdAt: r.created_at,
      cancelledAt: r.cancelled_at,
    })),
  };
}
