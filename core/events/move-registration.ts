import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB, Row } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { actorIsCommunityMember } from "../community/membership.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { seatTypeKeySchema } from "./event-input.ts";
import { authoriseRegistrationChange, changeLockedRegistration } from "./registration-change.ts";
import { fillFreeSeats, lockedSeatType, mailRegistrant, placeFor } from "./seat-allocation.ts";
import { checkSeatEligibility } from "./seat-rules.ts";

export const moveSchema = z.object({
  seatType: seatTypeKeySchema,
  /** true: onto the seat type's waitlist; false: a seat if one is free (else its waitlist). */
  toWaitlist: z.boolean().default(false),
});
export type MoveInput = z.input<typeof moveSchema>;

export interface MoveResult {
  id: string;
  status: string;
  seatType: string;
}

/**
 * Moves a registration to another seat type, or within its own between seat and waitlist, and
 * mails the registrant. Waitlists stay fair (docs/seat-allocation.md, "Moves"):
 *
 * - within one seat type (the secretariat putting back those over capacity after a cut) the
 *   registrant keeps their arrival number, so they stand where their registration time puts them;
 * - into another seat type's waitlist they join at its end: a new arrival number, so a move never
 *   jumps the people already waiting there;
 * - a seat the move frees goes to the first in line of the seat type left.
 *
 * The secretariat may move anyone anywhere the rules allow. A registrant (their link token) may
 * move themselves to another seat type while registration is open, only into a seat free now
 * (never onto a waitlist, never ahead of anyone) and only where they are eligible.
 */
export async function moveRegistration(
  deps: EventsDeps,
  actor: Actor,
  registrationId: string,
  input: MoveInput,
  token?: string | null,
): Promise<MoveResult> {
  const byRegistrant = authoriseRegistrationChange(deps, actor, registrationId, token);
  const target = parseInput(moveSchema, input);
  return changeLockedRegistration(deps, registrationId, async (trx, registration, event) => {
    if (registration.status === "cancelled")
      throw new AppError("registration-cancelled", { fields: [{ field: "_", code: "events-registration-cancelled" }] });
    const seat = await lockedSeatType(trx, registration.event_id, target.seatType);
    const sameSeatType = seat.key === registration.seat_type_key;
    if (sameSeatType && (registration.status === "waitlisted") === target.toWaitlist) {
      return { id: registrationId, status: registration.status, seatType: seat.key };
    }
    if (byRegistrant) await checkRegistrantMove(trx, deps, actor, event, registration, seat, target.toWaitlist);
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
    if (byRegistrant && status !== "confirmed")
      throw new AppError("seat-move-not-free", { fields: [{ field: "seatType", code: "events-seat-move-not-free" }] });
    const arrivalSequence =
      status === "waitlisted" && !sameSeatType ? await nextArrivalNumber(trx, registration.event_id) : undefined;
    const moved = await trx
      .updateTable("registrations")
      .set({
        status,
        seat_type_key: seat.key,
        ...(arrivalSequence === undefined ? {} : { arrival_sequence: arrivalSequence }),
        updated_at: deps.clock.now().toISOString(),
      })
      .where("id", "=", registrationId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "registration.move",
      entityType: "registration",
      entityId: registrationId,
      before: { status: registration.status, seatType: registration.seat_type_key },
      after: { status, seatType: seat.key, by: byRegistrant ? "registrant" : "secretariat" },
    });
    await mailRegistrant(trx, deps, moved, byRegistrant ? "changed" : "moved");
    if (registration.status === "confirmed")
      await fillFreeSeats(trx, deps, actor, registration.event_id, registration.seat_type_key);
    return { id: registrationId, status, seatType: seat.key };
  });
}

/** A registrant's own move: while registration is open, to another seat type they may take. */
async function checkRegistrantMove(
  trx: Kysely<DB>,
  deps: EventsDeps,
  actor: Actor,
  event: Row<"events">,
  registration: Row<"registrations">,
  seat: Row<"event_seat_types">,
  toWaitlist: boolean,
): Promise<void> {
  if (deps.clock.now().toISOString() >= event.registration_closes_at)
    throw new AppError("registration-closed", { fields: [{ field: "_", code: "events-registration-closed" }] });
  if (toWaitlist || seat.key === registration.seat_type_key)
    throw new AppError("seat-move-not-free", { fields: [{ field: "seatType", code: "events-seat-move-not-free" }] });
  if (seat.eligibility === "everyone") return;
  const guest = await trx
    .selectFrom("event_guests")
    .select("attendee_role")
    .where("event_id", "=", event.id)
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", registration.email.toLowerCase()))
    .executeTakeFirst();
  checkSeatEligibility(seat.eligibility, {
    communityMember: await actorIsCommunityMember(trx, actor),
    guest: guest ? { attendeeRole: guest.attendee_role } : null,
  });
}

/** The next number of the event's arrival counter (held under the event lock): the end of every line. */
async function nextArrivalNumber(trx: Kysely<DB>, eventId: string): Promise<number> {
  const { registration_sequence } = await trx
    .updateTable("events")
    .set((eb) => ({ registration_sequence: eb("registration_sequence", "+", 1) }))
    .where("id", "=", eventId)
    .returning("registration_sequence")
    .executeTakeFirstOrThrow();
  return Number(registration_sequence);
}
