/**
 * The allocation rules, run inside `exclusiveTransaction` with the event locked (see
 * docs/seat-allocation.md). Every function here assumes that lock: it reads counts and writes
 * statuses without re-checking for concurrent writers.
 */
import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { EventsDeps } from "./deps.ts";
import { type EventView, loadEventView, seatTypesWithCounts } from "./event-records.ts";
import { eventUrl, registrationToken, ticketUrl } from "./registration-links.ts";
import { queueRegistrationMail, type RegistrationMailData, type RegistrationMailKind } from "./registration-mail.ts";

/** The event's seat type `key`, if it has one (the caller decides what a missing one means). */
export function findSeatType(
  trx: Kysely<DB>,
  eventId: string,
  key: string,
): Promise<Row<"event_seat_types"> | undefined> {
  return trx
    .selectFrom("event_seat_types")
    .selectAll()
    .where("event_id", "=", eventId)
    .where("key", "=", key)
    .executeTakeFirst();
}

/** The seat type a registrant chose: one the event does not have is a wrong choice in the form. */
export async function lockedSeatType(trx: Kysely<DB>, eventId: string, key: string): Promise<Row<"event_seat_types">> {
  const seat = await findSeatType(trx, eventId, key);
  if (!seat) throw new AppError("validation-failed", { fields: [{ field: "seatType", code: "choice" }] });
  return seat;
}

async function countConfirmed(trx: Kysely<DB>, eventId: string, key: string): Promise<number> {
  const { n } = await trx
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("event_id", "=", eventId)
    .where("seat_type_key", "=", key)
    .where("status", "=", "confirmed")
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * Where a newcomer (or someone moved in) lands, given the seat type's counts: a seat while there
 * is one and nobody is waiting ahead, else the waitlist if the seat type keeps one, else refused.
 */
export function placeIn(
  seat: Pick<Row<"event_seat_types">, "capacity" | "waitlist">,
  counts: { confirmed: number; waitlisted: number },
): "confirmed" | "waitlisted" {
  if (counts.confirmed < Number(seat.capacity) && counts.waitlisted === 0) return "confirmed";
  if (seat.waitlist) return "waitlisted";
  throw new AppError("seat-type-full", { fields: [{ field: "seatType", code: "events-seat-type-full" }] });
}

/** `placeIn` with the seat type's counts read now. */
export async function placeFor(trx: Kysely<DB>, seat: Row<"event_seat_types">): Promise<"confirmed" | "waitlisted"> {
  const [counted] = await seatTypesWithCounts(trx, seat.event_id, seat.key);
  return placeIn(seat, counted!.counts);
}

/** 1 for the first in line. */
export async function waitlistPosition(
  db: Kysely<DB>,
  registration: Pick<Row<"registrations">, "event_id" | "seat_type_key" | "arrival_sequence">,
): Promise<number> {
  const { n } = await db
    .selectFrom("registrations")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("event_id", "=", registration.event_id)
    .where("seat_type_key", "=", registration.seat_type_key)
    .where("status", "=", "waitlisted")
    .where("arrival_sequence", "<=", registration.arrival_sequence)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * What one registrant's mail says, from what the caller already holds: the join link only for a
 * confirmed online seat, and their own ticket link.
 */
export function registrationMailData(
  deps: Pick<EventsDeps, "baseUrl" | "secret" | "calendarOrganiserEmail" | "clock">,
  event: { row: Row<"events">; view: EventView },
  seat: Pick<Row<"event_seat_types">, "label" | "online">,
  registration: {
    id: string;
    name: string;
    email: string;
    status: string;
    waitlistPosition: number | null;
    /** The language they registered in (ja unless en). */
    locale: string;
  },
  kind: RegistrationMailKind,
  extra: { dedupeKey?: string; feedbackUrl?: string } = {},
): RegistrationMailData {
  const { locale, ...registrant } = registration;
  return {
    kind,
    event: event.view,
    locale: locale === "en" ? "en" : "ja",
    joinUrl: registration.status === "confirmed" && seat.online ? event.row.online_join_url : null,
    registration: { ...registrant, seatLabel: seat.label },
    ticketUrl: ticketUrl(deps.baseUrl, registrationToken(deps.secret, registration.id)),
    eventUrl: eventUrl(deps.baseUrl, event.row.id),
    calendarOrganiserEmail: deps.calendarOrganiserEmail ?? null,
    issuedAt: deps.clock.now(),
    ...extra,
  };
}

/** Mails one registrant about their registration as it now stands. */
export async function mailRegistrant(
  trx: Kysely<DB>,
  deps: EventsDeps,
  registration: Row<"registrations">,
  kind: RegistrationMailKind,
  extra: { dedupeKey?: string; feedbackUrl?: string } = {},
): Promise<void> {
  const row = await trx
    .selectFrom("events")
    .selectAll()
    .where("id", "=", registration.event_id)
    .executeTakeFirstOrThrow();
  const view = await loadEventView(trx, row, { counts: false, programme: false });
  const seat = await trx
    .selectFrom("event_seat_types")
    .selectAll()
    .where("event_id", "=", row.id)
    .where("key", "=", registration.seat_type_key)
    .executeTakeFirstOrThrow();
  const position = registration.status === "waitlisted" ? await waitlistPosition(trx, registration) : null;
  const { id, name, email, status, locale } = registration;
  await queueRegistrationMail(
    trx,
    deps.clock,
    registrationMailData(
      deps,
      { row, view },
      seat,
      { id, name, email, status, waitlistPosition: position, locale },
      kind,
      extra,
    ),
  );
}

/**
 * Gives free seats of one seat type to the waitlist, first come first served, and mails each
 * person promoted. Called after every change that can free a seat (cancellation, capacity
 * raised, someone moved out). Returns the ids promoted.
 */
export async function fillFreeSeats(
  trx: Kysely<DB>,
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  key: string,
): Promise<string[]> {
  const seat = await lockedSeatType(trx, eventId, key);
  let free = Number(seat.capacity) - (await countConfirmed(trx, eventId, key));
  const promoted: string[] = [];
  while (free > 0) {
    const next = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("event_id", "=", eventId)
      .where("seat_type_key", "=", key)
      .where("status", "=", "waitlisted")
      .orderBy("arrival_sequence")
      .limit(1)
      .executeTakeFirst();
    if (!next) break;
    const now = deps.clock.now().toISOString();
    const updated = await trx
      .updateTable("registrations")
      .set({ status: "confirmed", updated_at: now })
      .where("id", "=", next.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.promote",
      entityType: "registration",
      entityId: next.id,
      before: { status: "waitlisted", seatType: key },
      after: { status: "confirmed", seatType: key },
    });
    await mailRegistrant(trx, deps, updated, "promoted");
    promoted.push(next.id);
    free--;
  }
  return promoted;
}
