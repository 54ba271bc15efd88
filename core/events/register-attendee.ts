import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import { exclusiveTransaction, isUniqueViolation, lockRow } from "../../db/locking.ts";
import type { DB, NewRow, Row } from "../../db/schema.ts";
import { type Actor, isSecretariat, isSignedIn } from "../accounts/actor.ts";
import { recordAuditEvents } from "../audit/record-audit-event.ts";
import { enqueueMails, type OutgoingMail } from "../mail/enqueue-mail.ts";
import { actorIsCommunityMember } from "../community/membership.ts";
import { AppError } from "../shared/errors.ts";
import { GroupCommit, type Outcome } from "../shared/group-commit.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import type { RegistrationQuestion } from "./event-input.ts";
import {
  type AllocationRequest,
  type RegistrationInput,
  type RegistrationReceipt,
  registrationInputSchema,
} from "./registration-input.ts";
import { eventView, seatTypesWithCounts, toSeatTypeView } from "./event-records.ts";
import { newTicketCode, registrationToken, registrationTokenHash } from "./registration-links.ts";
import { renderRegistrationMail } from "./registration-mail.ts";
import { placeIn, registrationMailData } from "./seat-allocation.ts";
import { type Claimant, checkSeatEligibility, guestTokenMatches } from "./seat-rules.ts";

/**
 * Registers one person for one seat type — exactly, under any concurrency (docs/seat-allocation.md).
 * The input is checked at once; the allocation joins the event's group commit: registrations
 * arriving together are decided in arrival order inside one transaction that holds the event
 * lock, and each caller's answer comes back after that transaction has committed.
 */
export async function registerAttendee(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: RegistrationInput,
): Promise<RegistrationReceipt> {
  const data = parseInput(registrationInputSchema, input);
  // Each registration mails the address it names: nobody may flood one mailbox with them (a
  // secretariat registering people for its events is not anybody).
  if (!isSecretariat(actor))
    await deps.limitRate?.({ key: `registration:email:${mailboxOf(data.email)}`, limit: 5, windowMs: 60 * 60_000 });
  return deskFor(deps.db).submit(eventId, { deps, request: { actor, data } });
}

/** The mailbox an address delivers to: `a+tag@x.jp` is `a@x.jp`'s. */
function mailboxOf(email: string): string {
  return email.replace(/\+[^@]*(?=@)/, "");
}

/** One group commit per database handle (one per process), one lane per event. */
const desks = new WeakMap<
  Kysely<DB>,
  GroupCommit<{ deps: EventsDeps; request: AllocationRequest }, RegistrationReceipt>
>();

function deskFor(db: Kysely<DB>) {
  let desk = desks.get(db);
  if (!desk) {
    desk = new GroupCommit((eventId, items) => {
      const deps = items[0]!.deps;
      const requests = items.map((item) => item.request);
      // The server decides batches on its allocation thread (server/allocation-thread.ts), which
      // runs `allocateRegistrations` too; everyone else (tests, the CLI) decides them here.
      return deps.allocateSeats
        ? deps.allocateSeats(eventId, requests)
        : allocateRegistrations(deps, eventId, requests);
    });
    desks.set(db, desk);
  }
  return desk;
}

/**
 * Decides one batch of registrations for one event in one transaction that holds the event lock,
 * and wakes the outbox for the mails it queued. One outcome per request, in order.
 */
export async function allocateRegistrations(
  deps: EventsDeps,
  eventId: string,
  requests: AllocationRequest[],
): Promise<Outcome<RegistrationReceipt>[]> {
  try {
    const outcomes = await exclusiveTransaction(deps.db, (trx) => allocate(trx, deps, eventId, requests));
    if (outcomes.some((o) => "value" in o)) deps.onMailQueued?.();
    return outcomes;
  } catch (error) {
    // The index is the last line of defence; the checks under the lock should have caught it.
    if (isUniqueViolation(error) && requests.length === 1) return [{ error: duplicate() }];
    throw error;
  }
}

const duplicate = () =>
  new AppError("already-registered", { fields: [{ field: "email", code: "events-already-registered" }] });

/**
 * Decides a batch of registrations for one event, in order, under the event lock: a seat while
 * one is free and nobody waits, else the waitlist, else refused. Counts are read once and kept
 * up to date in memory as the batch is decided; rows, audit records and mails are written with
 * one statement each.
 */
async function allocate(
  trx: Kysely<DB>,
  deps: EventsDeps,
  eventId: string,
  requests: AllocationRequest[],
): Promise<Outcome<RegistrationReceipt>[]> {
  const event = await lockRow(trx, "events", eventId);
  if (event?.status !== "published") return requests.map(() => ({ error: new AppError("not-found") }));
  const now = deps.clock.now().toISOString();
  const questions = JSON.parse(event.questions_json) as RegistrationQuestion[];
  const emails = [...new Set(requests.map((r) => r.data.email))];
  const [seats, taken, organisations, people, guests] = await Promise.all([
    seatTypesWithCounts(trx, eventId),
    trx
      .selectFrom("registrations")
      .select((eb) => eb.fn<string>("lower", ["email"]).as("email"))
      .where("event_id", "=", eventId)
      .where((eb) => eb(eb.fn("lower", ["email"]), "in", emails))
      .where("status", "<>", "cancelled")
      .execute(),
    idsOf(
      requests.map((r) => r.data.organisationId),
      (ids) => trx.selectFrom("organisations").select(["id", "name", "sector"]).where("id", "in", ids).execute(),
    ),
    trx.selectFrom("people").select(["id", "email", "organisation_id"]).where("email", "in", emails).execute(),
    requests.some((r) => r.data.guestToken)
      ? trx
          .selectFrom("event_guests")
          .select(["attendee_role", (eb) => eb.fn<string>("lower", ["email"]).as("email")])
          .where("event_id", "=", eventId)
          .execute()
      : [],
  ]);
  const guestByEmail = new Map(guests.map((g) => [g.email, g]));
  // Each seat type's counts, kept up to date in memory as the batch is decided.
  const seatByKey = new Map(seats.map((s) => [s.row.key, s]));
  const takenEmails = new Set(taken.map((t) => t.email));
  const organisationById = new Map(organisations.map((o) => [o.id, o]));
  const personByEmail = new Map(people.map((p) => [p.email, p]));

  const outcomes: Outcome<RegistrationReceipt>[] = [];
  const accepted: {
    row: NewRow<"registrations">;
    receipt: RegistrationReceipt;
    actor: Actor;
    seat: Row<"event_seat_types">;
  }[] = [];
  // Members-only (the event, or a seat type): the community's one definition of a member
  // (core/community/membership.ts), asked only when a rule needs it.
  const needsMembership = event.audience === "members" || seats.some((s) => s.row.eligibility !== "everyone");
  const members = needsMembership ? await Promise.all(requests.map((r) => actorIsCommunityMember(trx, r.actor))) : [];
  for (const [index, { actor, data }] of requests.entries()) {
    try {
      const seat = seatByKey.get(data.seatType);
      const claimant = {
        communityMember: members[index] ?? false,
        guest: provenGuest(deps.secret, eventId, data, guestByEmail),
      };
      checkMayRegister(event, seat?.row.eligibility ?? "everyone", questions, actor, claimant, data, now);
      if (!seat) throw new AppError("validation-failed", { fields: [{ field: "seatType", code: "choice" }] });
      checkSeatEligibility(seat.row.eligibility, claimant);
      if (takenEmails.has(data.email)) throw duplicate();
      const status = placeIn(seat.row, seat.counts);
      seat.counts[status === "confirmed" ? "confirmed" : "waitlisted"]++;
      takenEmails.add(data.email);

      const id = newId(deps.clock.now().getTime());
      const token = registrationToken(deps.secret, id);
      const organisation = data.organisationId ? organisationById.get(data.organisationId) : undefined;
      const person = personByEmail.get(data.email);
      const answers = Object.fromEntries(
        questions.filter((q) => data.answers[q.key]).map((q) => [q.key, data.answers[q.key]!]),
      );
      accepted.push({
        actor,
        seat: seat.row,
        receipt: {
          id,
          status,
          seatType: seat.row.key,
          ...(status === "waitlisted" ? { waitlistPosition: seat.counts.waitlisted } : {}),
          token,
        },
        row: {
          id,
          event_id: eventId,
          seat_type_key: seat.row.key,
          status,
          name: data.name,
          email: data.email,
          organisation_id: organisation?.id ?? person?.organisation_id ?? null,
          organisation_name: data.organisation ?? organisation?.name ?? null,
          sector: data.sector ?? organisation?.sector ?? null,
          person_id: person?.id ?? null,
          user_id: actor.kind === "user" ? actor.userId : null,
          answers_json: JSON.stringify(answers),
          arrival_sequence: 0,
          ticket_code: newTicketCode(),
          token_hash: registrationTokenHash(token),
          attended_online: 0,
          online_minutes: null,
          walk_in: 0,
          attendee_role: claimant.guest?.attendeeRole ?? null,
          locale: data.locale ?? "ja",
          created_at: now,
          updated_at: now,
        },
      });
      outcomes[index] = { value: accepted.at(-1)!.receipt };
    } catch (error) {
      outcomes[index] = { error };
    }
  }
  if (accepted.length === 0) return outcomes;

  // Arrival numbers follow the order decided above, from the event's counter (held under the lock).
  const { registration_sequence: last } = await trx
    .updateTable("events")
    .set((eb) => ({ registration_sequence: eb("registration_sequence", "+", accepted.length) }))
    .where("id", "=", eventId)
    .returning("registration_sequence")
    .executeTakeFirstOrThrow();
  accepted.forEach((a, i) => {
    a.row.arrival_sequence = Number(last) - accepted.length + 1 + i;
  });

  // A batch is at most 100 (the group commit's cap): one INSERT stays far below SQLite's bound-variable limit.
  await trx
    .insertInto("registrations")
    .values(accepted.map((a) => a.row))
    .execute();
  await recordAuditEvents(
    trx,
    deps.clock,
    accepted.map((a) => ({
      actor: a.actor,
      change: {
        action: "registration.create",
        entityType: "registration",
        entityId: a.receipt.id,
        after: { eventId, seatType: a.receipt.seatType, status: a.receipt.status, email: a.row.email },
      },
    })),
  );
  // What the mails show of the event (no programme, no counts), from the rows read above.
  const view = eventView(
    event,
    seats.map((s) => toSeatTypeView(s.row, undefined)),
  );
  const mails = accepted.map(({ row, receipt, seat }): OutgoingMail => {
    const registration = {
      id: receipt.id,
      name: row.name,
      email: row.email,
      status: receipt.status,
      waitlistPosition: receipt.waitlistPosition ?? null,
      locale: row.locale ?? "ja",
    };
    const mail = renderRegistrationMail(
      registrationMailData(deps, { row: event, view }, seat, registration, receipt.status),
    );
    return { to: row.email, subject: mail.subject, text: mail.text, attachments: mail.attachments };
  });
  await enqueueMails(trx, deps.clock, mails);
  return outcomes;
}

/**
 * The guest invitation a registration's link proves: the token must be the one made for this
 * event and this address, and the address still on the guest list. A token that proves nothing
 * is refused (rather than ignored), so a guest who typed another address hears why.
 */
function provenGuest(
  secret: string,
  eventId: string,
  data: AllocationRequest["data"],
  guestByEmail: Map<string, { attendee_role: string }>,
): Claimant["guest"] {
  if (!data.guestToken) return null;
  const guest = guestByEmail.get(data.email.toLowerCase());
  if (!guest || !guestTokenMatches(secret, eventId, data.email, data.guestToken))
    throw new AppError("validation-failed", { fields: [{ field: "email", code: "events-guest-link-invalid" }] });
  return { attendeeRole: guest.attendee_role };
}

function checkMayRegister(
  event: {
    audience: string;
    registration_opens_at: string;
    registration_closes_at: string;
    consent_text: string | null;
  },
  seatEligibility: string,
  questions: RegistrationQuestion[],
  actor: Actor,
  claimant: Claimant,
  data: AllocationRequest["data"],
  now: string,
): void {
  // A members-only event admits invited guests only to a seat type that takes guests.
  const invitedGuest = claimant.guest !== null && seatEligibility === "members-and-guests";
  if (event.audience === "members" && !claimant.communityMember && !invitedGuest) {
    throw new AppError(isSignedIn(actor) ? "forbidden" : "unauthenticated");
  }
  if (now < event.registration_opens_at)
    throw new AppError("registration-not-open", { fields: [{ field: "_", code: "events-registration-not-open" }] });
  if (now >= event.registration_closes_at)
    throw new AppError("registration-closed", { fields: [{ field: "_", code: "events-registration-closed" }] });
  const issues = questions
    .filter((q) => q.required && !data.answers[q.key])
    .map((q) => ({ field: `answers.${q.key}`, code: "required" }));
  if (event.consent_text && data.consent === false) issues.push({ field: "consent", code: "events-consent-required" });
  if (issues.length) throw new AppError("validation-failed", { fields: issues });
}

async function idsOf<T>(ids: (string | null)[], load: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const present = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  return present.length ? load(present) : [];
}
