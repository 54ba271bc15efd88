import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";

export interface MyRegistration {
  id: string;
  eventId: string;
  eventTitle: string;
  startsAt: string;
  seatType: string;
  seatLabel: string;
  status: "confirmed" | "waitlisted";
  ticketCode: string;
}

/**
 * The signed-in member's own live registrations for events not yet over, soonest first: those
 * made signed in, and those made with the account's address before (the address is the person).
 */
export async function listMyRegistrations(db: Kysely<DB>, actor: Actor, now: Date): Promise<MyRegistration[]> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const user = await db.selectFrom("user").select("email").where("id", "=", actor.userId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .leftJoin("event_seat_types", (join) =>
      join
        .onRef("event_seat_types.event_id", "=", "registrations.event_id")
        .onRef("event_seat_types.key", "=", "registrations.seat_type_key"),
    )
    .select([
      "registrations.id",
      "registrations.event_id",
      "events.title",
      "events.starts_at",
      "registrations.seat_type_key",
      "event_seat_types.label",
      "registrations.status",
      "registrations.ticket_code",
    ])
    .where((eb) =>
      eb.or([eb("registrations.user_id", "=", actor.userId), eb("registrations.email", "=", user.email.toLowerCase())]),
    )
    .where("registrations.status", "in", ["confirmed", "waitlisted"])
    .where("events.ends_at", ">", now.toISOString())
    .orderBy("events.starts_at")
    .orderBy("registrations.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    eventId: r.event_id,
    eventTitle: r.title,
    startsAt: r.starts_at,
    seatType: r.seat_type_key,
    seatLabel: r.label ?? r.seat_type_key,
    status: r.status as MyRegistration["status"],
    ticketCode: r.ticket_code,
  }));
}
