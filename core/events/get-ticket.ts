import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { type EventView, loadEventView } from "./event-records.ts";
import { findRegistrationByToken } from "./find-registration.ts";
import { waitlistPosition } from "./seat-allocation.ts";

export interface TicketView {
  registrationId: string;
  name: string;
  email: string;
  organisationName: string | null;
  status: string;
  seatType: { key: string; label: string; online: boolean };
  waitlistPosition: number | null;
  /** For the QR at the venue door; null unless confirmed at a venue seat. */
  ticketCode: string | null;
  /** Only for a confirmed online seat: this page is the registrant's own, behind their token. */
  joinUrl: string | null;
  checkedInAt: string | null;
  event: EventView;
}

/** The registrant's own page, reached with the token from their mail. */
export async function getTicket(db: Kysely<DB>, token: string): Promise<TicketView> {
  const registration = await findRegistrationByToken(db, token);
  if (!registration) throw new AppError("not-found");
  const event = await db
    .selectFrom("events")
    .selectAll()
    .where("id", "=", registration.event_id)
    .executeTakeFirstOrThrow();
  const seat = await db
    .selectFrom("event_seat_types")
    .selectAll()
    .where("event_id", "=", event.id)
    .where("key", "=", registration.seat_type_key)
    .executeTakeFirstOrThrow();
  const confirmed = registration.status === "confirmed";
  return {
    registrationId: registration.id,
    name: registration.name,
    email: registration.email,
    organisationName: registration.organisation_name,
    status: registration.status,
    seatType: { key: seat.key, label: seat.label, online: Boolean(seat.online) },
    waitlistPosition: registration.status === "waitlisted" ? await waitlistPosition(db, registration) : null,
    ticketCode: confirmed && !seat.online ? registration.ticket_code : null,
    joinUrl: confirmed && seat.online ? event.online_join_url : null,
    checkedInAt: registration.checked_in_at,
    event: await loadEventView(db, event),
  };
}
