import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";

export interface SeatTypeArrivals {
  key: string;
  label: string;
  online: boolean;
  confirmed: number;
  /** Venue seats: checked in at the door. Online seats: recorded as attended by the tool's report. */
  arrived: number;
}

/**
 * For the check-in page's header: how many of the confirmed have come, per seat type — through
 * the door for venue seats, in the online tool's report for online seats — and the venue's total.
 */
export async function countCheckIns(
  db: Kysely<DB>,
  actor: Actor,
  eventId: string,
): Promise<{ confirmed: number; checkedIn: number; bySeatType: SeatTypeArrivals[] }> {
  requireSecretariat(actor);
  const [seats, rows] = await Promise.all([
    db
      .selectFrom("event_seat_types")
      .select(["key", "label", "online"])
      .where("event_id", "=", eventId)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("registrations")
      .select((eb) => [
        "seat_type_key",
        eb.fn.countAll<number | string>().as("confirmed"),
        eb.fn.count<number | string>("checked_in_at").as("checkedIn"),
        eb.fn.sum<number | string | null>("attended_online").as("attendedOnline"),
      ])
      .where("event_id", "=", eventId)
      .where("status", "=", "confirmed")
      .groupBy("seat_type_key")
      .execute(),
  ]);
  const bySeatType = seats.map((seat): SeatTypeArrivals => {
    const row = rows.find((r) => r.seat_type_key === seat.key);
    const online = Number(seat.online) === 1;
    return {
      key: seat.key,
      label: seat.label,
      online,
      confirmed: Number(row?.confirmed ?? 0),
      arrived: Number((online ? row?.attendedOnline : row?.checkedIn) ?? 0),
    };
  });
  const venue = bySeatType.filter((s) => !s.online);
  return {
    confirmed: venue.reduce((n, s) => n + s.confirmed, 0),
    checkedIn: venue.reduce((n, s) => n + s.arrived, 0),
    bySeatType,
  };
}
