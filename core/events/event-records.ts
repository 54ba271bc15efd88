/**
 * Reading and writing an event's rows (details, seat types, programme), shared by the use cases
 * that create, edit and show events. Not a use case itself.
 */
import type { ExpressionBuilder, Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB, Row } from "../../db/schema.ts";
import type { ParsedEventInput, RegistrationQuestion } from "./event-input.ts";

export interface SeatTypeView {
  key: string;
  label: string;
  capacity: number;
  waitlist: boolean;
  online: boolean;
  /** everyone | members | members-and-guests */
  eligibility: string;
  confirmed: number;
  waitlisted: number;
  /** Seats left (0 when full or over). */
  remaining: number;
  /** Confirmed beyond capacity after capacity was lowered: the secretariat moves them. */
  over: number;
}

export interface SpeakerView {
  name: string;
  reading: string | null;
  title: string | null;
  affiliation: string | null;
  organisationId: string | null;
  profile: string | null;
}

export interface SessionView {
  id: string;
  position: number;
  startsAt: string | null;
  endsAt: string | null;
  title: string;
  abstract: string | null;
  speakers: SpeakerView[];
}

export interface EventView {
  id: string;
  title: string;
  theme: string | null;
  description: string | null;
  audience: "public" | "members";
  startsAt: string;
  endsAt: string;
  receptionAt: string | null;
  venueName: string | null;
  venueRoom: string | null;
  venueAddress: string | null;
  venuePhone: string | null;
  onlineTool: string | null;
  feeText: string | null;
  organiser: string | null;
  coOrganisers: string | null;
  registrationOpensAt: string;
  registrationClosesAt: string;
  status: string;
  consentText: string | null;
  questions: RegistrationQuestion[];
  seatTypes: SeatTypeView[];
  sessions: SessionView[];
  feedbackSurveyId: string | null;
  createdAt: string;
  /** The last change of the event itself (calendar files count their SEQUENCE from it). */
  updatedAt: string;
}

/**
 * When registration opens and closes, where the editor left them empty: from now (or the first
 * save) until the start. An event recorded after its start (a past seminar entered afterwards)
 * opens and closes at its start, so the window never ends before it begins.
 */
function registrationWindow(input: ParsedEventInput, fallbackOpensAt: string) {
  const closes = input.registrationClosesAt ?? input.startsAt;
  const opens = input.registrationOpensAt ?? (fallbackOpensAt < closes ? fallbackOpensAt : closes);
  return { registration_opens_at: opens, registration_closes_at: closes };
}

/** The event columns written from the editor's input. */
export function eventColumns(input: ParsedEventInput, fallbackOpensAt: string) {
  return {
    title: input.title,
    theme: input.theme,
    description: input.description,
    audience: input.audience,
    starts_at: input.startsAt,
    ends_at: input.endsAt,
    reception_at: input.receptionAt ?? null,
    venue_name: input.venueName,
    venue_room: input.venueRoom,
    venue_address: input.venueAddress,
    venue_phone: input.venuePhone,
    online_tool: input.onlineTool,
    online_join_url: input.onlineJoinUrl,
    fee_text: input.feeText,
    organiser: input.organiser,
    co_organisers: input.coOrganisers,
    // Without a window, registration is open from creation until the event starts.
    ...registrationWindow(input, fallbackOpensAt),
    consent_text: input.consentText,
    questions_json: JSON.stringify(input.questions),
  };
}

/** Replaces the programme: sessions in order, each with its speakers. */
export async function writeProgramme(
  trx: Kysely<DB>,
  eventId: string,
  sessions: ParsedEventInput["sessions"],
): Promise<void> {
  await trx.deleteFrom("event_sessions").where("event_id", "=", eventId).execute();
  for (const [position, session] of sessions.entries()) {
    const sessionId = newId();
    await trx
      .insertInto("event_sessions")
      .values({
        id: sessionId,
        event_id: eventId,
        position,
        starts_at: session.startsAt ?? null,
        ends_at: session.endsAt ?? null,
        title: session.title,
        abstract: session.abstract,
      })
      .execute();
    for (const [speakerPosition, s] of session.speakers.entries()) {
      await trx
        .insertInto("event_speakers")
        .values({
          id: newId(),
          session_id: sessionId,
          position: speakerPosition,
          name: s.name,
          reading: s.reading,
          title: s.title,
          affiliation: s.affiliation,
          organisation_id: s.organisationId,
          email: s.email,
          profile: s.profile,
        })
        .execute();
    }
  }
}

export async function findEventRow(db: Kysely<DB>, eventId: string): Promise<Row<"events"> | undefined> {
  return db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirst();
}

/**
 * An event's seat types in their order (or the one `key` names), each with its confirmed and
 * waitlisted counts, read by one query (the allocation reads them under the event lock, where
 * every round trip counts).
 */
export async function seatTypesWithCounts(
  db: Kysely<DB>,
  eventId: string,
  key?: string,
): Promise<{ row: Row<"event_seat_types">; counts: { confirmed: number; waitlisted: number } }[]> {
  const counted = (eb: ExpressionBuilder<DB, "event_seat_types">, status: "confirmed" | "waitlisted") =>
    eb
      .selectFrom("registrations")
      .select((sub) => sub.fn.countAll<number | string>().as("n"))
      .whereRef("registrations.event_id", "=", "event_seat_types.event_id")
      .whereRef("registrations.seat_type_key", "=", "event_seat_types.key")
      .where("registrations.status", "=", status);
  let query = db
    .selectFrom("event_seat_types")
    .selectAll("event_seat_types")
    .select((eb) => [counted(eb, "confirmed").as("confirmed_count"), counted(eb, "waitlisted").as("waitlisted_count")])
    .where("event_id", "=", eventId);
  if (key !== undefined) query = query.where("key", "=", key);
  const rows = await query.orderBy("position").execute();
  return rows.map(({ confirmed_count, waitlisted_count, ...row }) => ({
    row,
    counts: { confirmed: Number(confirmed_count), waitlisted: Number(waitlisted_count) },
  }));
}

export function toSeatTypeView(
  row: Row<"event_seat_types">,
  counts: { confirmed: number; waitlisted: number } | undefined,
): SeatTypeView {
  const confirmed = counts?.confirmed ?? 0;
  return {
    key: row.key,
    label: row.label,
    capacity: Number(row.capacity),
    waitlist: Boolean(row.waitlist),
    online: Boolean(row.online),
    eligibility: row.eligibility,
    confirmed,
    waitlisted: counts?.waitlisted ?? 0,
    remaining: Math.max(0, Number(row.capacity) - confirmed),
    over: Math.max(0, confirmed - Number(row.capacity)),
  };
}

/** The whole event as pages and the API show it (never the online join link). */
export async function loadEventView(
  db: Kysely<DB>,
  event: Row<"events">,
  options: { counts?: boolean; programme?: boolean } = {},
): Promise<EventView> {
  const [seatTypes, sessionRows] = await Promise.all([
    // Mails need the programme, not the counts (which cost a count of the registrations).
    options.counts === false
      ? db
          .selectFrom("event_seat_types")
          .selectAll()
          .where("event_id", "=", event.id)
          .orderBy("position")
          .execute()
          .then((rows) => rows.map((row) => toSeatTypeView(row, undefined)))
      : seatTypesWithCounts(db, event.id).then((rows) => rows.map((s) => toSeatTypeView(s.row, s.counts))),
    options.programme === false
      ? []
      : db.selectFrom("event_sessions").selectAll().where("event_id", "=", event.id).orderBy("position").execute(),
  ]);
  const speakerRows = sessionRows.length
    ? await db
        .selectFrom("event_speakers")
        .selectAll()
        .where(
          "session_id",
          "in",
          sessionRows.map((s) => s.id),
        )
        .orderBy("position")
        .execute()
    : [];
  return eventView(event, seatTypes, sessionRows, speakerRows);
}

/** The view of an event from rows already read (seat types in their order). */
export function eventView(
  event: Row<"events">,
  seatTypes: SeatTypeView[],
  sessionRows: Row<"event_sessions">[] = [],
  speakerRows: Row<"event_speakers">[] = [],
): EventView {
  return {
    id: event.id,
    title: event.title,
    theme: event.theme,
    description: event.description,
    audience: event.audience as EventView["audience"],
    startsAt: event.starts_at,
    endsAt: event.ends_at,
    receptionAt: event.reception_at,
    venueName: event.venue_name,
    venueRoom: event.venue_room,
    venueAddress: event.venue_address,
    venuePhone: event.venue_phone,
    onlineTool: event.online_tool,
    feeText: event.fee_text,
    organiser: event.organiser,
    coOrganisers: event.co_organisers,
    registrationOpensAt: event.registration_opens_at,
    registrationClosesAt: event.registration_closes_at,
    status: event.status,
    consentText: event.consent_text,
    questions: JSON.parse(event.questions_json) as RegistrationQuestion[],
    seatTypes,
    sessions: sessionRows.map((s) => ({
      id: s.id,
      position: Number(s.position),
      startsAt: s.starts_at,
      endsAt: s.ends_at,
      title: s.title,
      abstract: s.abstract,
      speakers: speakerRows
        .filter((p) => p.session_id === s.id)
        .map((p) => ({
          name: p.name,
          reading: p.reading,
          title: p.title,
          affiliation: p.affiliation,
          organisationId: p.organisation_id,
          profile: p.profile,
        })),
    })),
    feedbackSurveyId: event.feedback_survey_id,
    createdAt: event.created_at,
    updatedAt: event.updated_at,
  };
}
