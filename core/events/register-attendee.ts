import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { exclusiveTransaction, isUniqueViolation, lockRow } from "../../db/locking.ts";
import { type Actor, hasRole, isSecretariat, isSignedIn } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import type { RegistrationQuestion } from "./event-input.ts";
import { findEventRow } from "./event-records.ts";
import { newTicketCode, registrationToken, registrationTokenHash } from "./registration-links.ts";
import { lockedSeatType, mailRegistrant, nextArrival, placeFor, waitlistPosition } from "./seat-allocation.ts";

export const sectors = ["industry", "academia", "government", "finance", "media", "nonprofit", "other"] as const;

export const registrationInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().pipe(z.email().max(254)),
  seatType: z.string().trim().min(1, "field.choice"),
  organisation: z.string().trim().max(200).nullish().transform((v) => v || null),
  organisationId: z.string().trim().nullish().transform((v) => v || null),
  sector: z.enum(sectors).optional(),
  answers: z.record(z.string(), z.string().trim().max(4000)).default({}),
  /** Pages send the consent box; API clients that omit it vouch for it themselves. */
  consent: z.boolean().optional(),
});
export type RegistrationInput = z.input<typeof registrationInputSchema>;

export interface RegistrationReceipt {
  id: string;
  status: "confirmed" | "waitlisted";
  seatType: string;
  waitlistPosition?: number;
  /** The registrant's own link token (ticket page, cancel). */
  token: string;
}

/**
 * Registers one person for one seat type — exactly, under any concurrency (docs/seat-allocation.md):
 * the event is locked, the place decided from the counts under that lock, and the arrival number
 * taken from the event's counter. The same e-mail twice is refused (checked under the lock, and
 * by a unique index should anything slip past); a full seat type without a waitlist is refused.
 */
export async function registerAttendee(deps: EventsDeps, actor: Actor, eventId: string, input: RegistrationInput): Promise<RegistrationReceipt> {
  const data = parseInput(registrationInputSchema, input);
  const event = await findEventRow(deps.db, eventId);
  if (!event || event.status !== "published") throw new AppError("not-found");
  if (event.audience === "members" && !(isSecretariat(actor) || hasRole(actor, "member"))) {
    throw new AppError(isSignedIn(actor) ? "forbidden" : "unauthenticated");
  }
  const now = deps.clock.now().toISOString();
  if (now < event.registration_opens_at) throw new AppError("conflict", { fields: [{ field: "_", code: "events-registration-not-open" }] });
  if (now >= event.registration_closes_at) throw new AppError("conflict", { fields: [{ field: "_", code: "events-registration-closed" }] });
  const questions = JSON.parse(event.questions_json) as RegistrationQuestion[];
  const missing = questions.filter((q) => q.required && !data.answers[q.key]);
  const issues = missing.map((q) => ({ field: `answers.${q.key}`, code: "required" }));
  if (event.consent_text && data.consent === false) issues.push({ field: "consent", code: "events-consent-required" });
  if (issues.length) throw new AppError("validation-failed", { fields: issues });
  const answers = Object.fromEntries(questions.filter((q) => data.answers[q.key]).map((q) => [q.key, data.answers[q.key]!]));

  const id = newId(deps.clock.now().getTime());
  const token = registrationToken(deps.secret, id);
  const duplicate = () => new AppError("conflict", { fields: [{ field: "email", code: "events-already-registered" }] });
  try {
    const receipt = await exclusiveTransaction(deps.db, async (trx) => {
      await lockRow(trx, "events", eventId);
      const seat = await lockedSeatType(trx, eventId, data.seatType);
      const already = await trx
        .selectFrom("registrations")
        .select("id")
        .where("event_id", "=", eventId)
        .where((eb) => eb(eb.fn("lower", ["email"]), "=", data.email))
        .where("status", "<>", "cancelled")
        .executeTakeFirst();
      if (already) throw duplicate();
      const status = await placeFor(trx, seat);
      const arrival = await nextArrival(trx, eventId);
      const organisation = data.organisationId
        ? await trx.selectFrom("organisations").select(["id", "name", "sector"]).where("id", "=", data.organisationId).executeTakeFirst()
        : undefined;
      const person = await trx.selectFrom("people").select(["id", "organisation_id"]).where("email", "=", data.email).executeTakeFirst();
      const row = await trx
        .insertInto("registrations")
        .values({
          id,
          event_id: eventId,
          seat_type_key: seat.key,
          status,
          name: data.name,
          email: data.email,
          organisation_id: organisation?.id ?? person?.organisation_id ?? null,
          organisation_name: data.organisation ?? organisation?.name ?? null,
          sector: data.sector ?? organisation?.sector ?? null,
          person_id: person?.id ?? null,
          user_id: actor.kind === "user" ? actor.userId : null,
          answers_json: JSON.stringify(answers),
          arrival_sequence: arrival,
          ticket_code: newTicketCode(),
          token_hash: registrationTokenHash(token),
          attended_online: 0,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "registration.create",
        entityType: "registration",
        entityId: id,
        after: { eventId, seatType: seat.key, status, email: data.email },
      });
      await mailRegistrant(trx, deps, row, status === "confirmed" ? "confirmed" : "waitlisted");
      const position = status === "waitlisted" ? await waitlistPosition(trx, row) : undefined;
      return { id, status, seatType: seat.key, ...(position ? { waitlistPosition: position } : {}), token } satisfies RegistrationReceipt;
    });
    deps.onMailQueued?.();
    return receipt;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate();
    throw error;
  }
}
