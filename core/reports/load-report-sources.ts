/**
 * Reads what the report is made of, for one fiscal year: the registry (agreements, groups,
 * meetings and decisions, activities), the seminars (seats, programme, attendance, feedback,
 * press), the surveys' results, the community's settings, and the secretariat's edits. A
 * capability whose migration has not run yet gives `null`, and its section says the data is
 * missing instead of failing.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { fiscalYearRange, fromJapanLocal, japanDay } from "../../i18n/dates.ts";
import { computePostureRates, type PostureRates } from "../community/compute-posture-rates.ts";
import { computeSelfCheckDistribution } from "../community/compute-self-check-distribution.ts";
import type { SelfCheckDistribution } from "../surveys/self-check-distribution.ts";
import type { Actor } from "../accounts/actor.ts";
import type { EventView } from "../events/event-records.ts";
import type { SurveysDeps } from "../surveys/deps.ts";
import { computeResults } from "../surveys/compute-results.ts";
import type { QuestionResult, SurveyResults } from "./survey-results.ts";

/** The migrations that create each capability's tables. */
const capabilityMigrations = { community: "0100-community", events: "0200-events", surveys: "0300-surveys" } as const;
export type Capability = keyof typeof capabilityMigrations;

export async function installedCapabilities(db: Kysely<DB>): Promise<Set<Capability>> {
  const rows = await (db as unknown as Kysely<{ kysely_migration: { name: string } }>)
    .selectFrom("kysely_migration")
    .select("name")
    .execute();
  const applied = new Set(rows.map((r) => r.name));
  return new Set(
    (Object.keys(capabilityMigrations) as Capability[]).filter((c) => applied.has(capabilityMigrations[c])),
  );
}

/** Instants of the fiscal year in UTC: 1 April 00:00 to 1 April next year 00:00, Japan time. */
export function fiscalYearInstants(fiscalYear: number): { from: string; to: string; start: string; end: string } {
  const { start, end } = fiscalYearRange(fiscalYear);
  return {
    start,
    end,
    from: fromJapanLocal(start).toISOString(),
    to: fromJapanLocal(`${fiscalYear + 1}-04-01`).toISOString(),
  };
}

type Organisation = { id: string; name: string; sector: string; prefecture: string | null; website: string | null };

export interface CommunitySource {
  organisations: Map<string, Organisation>;
  agreements: { id: string; title: string; purpose: string | null; signedOn: string | null; parties: Organisation[] }[];
  groups: {
    id: string;
    kind: string;
    name: string;
    description: string | null;
    foundedOn: string | null;
    host: Organisation | null;
    members: Organisation[];
    officers: { role: string; name: string | null }[];
  }[];
  activities: {
    id: string;
    heldOn: string;
    kind: string;
    organiser: string | null;
    title: string;
    groupId: string | null;
    talks: { title: string; speaker: string | null; affiliation: string | null }[];
  }[];
  meetings: {
    id: string;
    groupId: string | null;
    title: string;
    startsAt: string;
    place: string | null;
    onlineTool: string | null;
    agenda: string | null;
    attendees: { organisation: string; label: string | null }[];
    decisions: string[];
  }[];
  /** Member SMEs' security posture on the fiscal year's last day (core/community/compute-posture-rates.ts). */
  posture: PostureRates;
  /**
   * 自社診断 (IPA self-check) on the fiscal year's last day: each organisation's latest score,
   * under the suppression rule (no average from fewer than 5 organisations, none derivable; ADR 031).
   */
  selfCheck: SelfCheckDistribution;
}

/** A seminar as the report tells it: the event's own fields as the events pages show them, and what came of it. */
export interface EventSource
  extends Pick<
    EventView,
    | "id"
    | "title"
    | "theme"
    | "description"
    | "startsAt"
    | "endsAt"
    | "receptionAt"
    | "venueName"
    | "venueRoom"
    | "venueAddress"
    | "venuePhone"
    | "onlineTool"
    | "feeText"
    | "organiser"
  > {
  /** `firstCapacity`: what the seat type was opened with, when it was changed since (30 → 15 under COVID rules). */
  seats: { key: string; label: string; capacity: number; firstCapacity: number | null; online: boolean }[];
  sessions: {
    title: string;
    startsAt: string | null;
    endsAt: string | null;
    abstract: string | null;
    speakers: string[];
  }[];
  /** Confirmed registrations that came: at the venue (checked in) or online. */
  attendance: { organisation: string; seatKey: string; venue: boolean; online: boolean; role: string | null }[];
  feedback: SurveyResults | null;
  press: { outlet: string; publishedOn: string | null }[];
}

export interface SurveySource {
  id: string;
  title: string;
  opensAt: string | null;
  closesAt: string | null;
  access: string;
  /** The seminar the survey was handed out at, when it is linked to one. */
  eventId: string | null;
  results: SurveyResults;
}

export interface ReportSources {
  fiscalYear: number;
  communityName: string;
  operatorName: string;
  installed: Set<Capability>;
  community: CommunitySource | null;
  events: EventSource[] | null;
  surveys: SurveySource[] | null;
  edits: Map<string, string>;
}

/** compute-results' shape (nullable counts where cells are suppressed) as the report reads it. */
function toReportResults(results: { responses: number; excluded?: number; questions: unknown[] }): SurveyResults {
  const cell = (c: { value: string; label: string; count: number | null; percent: number | null }) => ({
    value: c.value,
    label: c.label,
    count: c.count ?? 0,
    percent: c.percent,
  });
  return {
    responses: results.responses,
    excluded: results.excluded ?? 0,
    questions: (
      results.questions as (Omit<QuestionResult, "base" | "choices" | "rows"> & {
        base: number | null;
        choices: Parameters<typeof cell>[0][];
        rows: { value: string; label: string; base: number | null; columns: Parameters<typeof cell>[0][] }[];
      })[]
    ).map((q) => ({
      name: q.name,
      type: q.type,
      title: q.title,
      base: q.base ?? 0,
      other: q.other,
      texts: q.texts,
      choices: q.choices.map(cell),
      rows: q.rows.map((r) => ({ value: r.value, label: r.label, base: r.base ?? 0, columns: r.columns.map(cell) })),
    })),
  };
}

async function loadCommunity(db: Kysely<DB>, fy: ReturnType<typeof fiscalYearInstants>): Promise<CommunitySource> {
  const organisations = new Map(
    (
      await db
        .selectFrom("organisations")
        .select(["id", "name", "sector", "prefecture", "website"])
        .where("merged_into_id", "is", null)
        .execute()
    ).map((o) => [o.id, o]),
  );
  const org = (id: string | null) => (id ? (organisations.get(id) ?? null) : null);
  const agreementRows = await db
    .selectFrom("agreements")
    .selectAll()
    .where((eb) => eb.or([eb("signed_on", "is", null), eb("signed_on", "<=", fy.end)]))
    .where((eb) => eb.or([eb("ended_on", "is", null), eb("ended_on", ">=", fy.start)]))
    .orderBy("signed_on")
    .execute();
  const parties = await db.selectFrom("agreement_parties").selectAll().orderBy("position").execute();
  const groupRows = await db.selectFrom("groups").selectAll().orderBy("founded_on").orderBy("name").execute();
  const memberships = await db
    .selectFrom("group_memberships")
    .select(["group_id", "organisation_id"])
    .where("organisation_id", "is not", null)
    .orderBy("position")
    .execute();
  const officers = await db
    .selectFrom("group_officers")
    .leftJoin("people", "people.id", "group_officers.person_id")
    .select([
      "group_officers.group_id",
      "group_officers.role",
      "group_officers.organisation_id",
      "people.family_name",
      "people.given_name",
      "people.organisation_id as person_organisation_id",
      "group_officers.position",
    ])
    .orderBy("group_officers.position")
    .execute();
  const activityRows = await db
    .selectFrom("activities")
    .selectAll()
    .where("held_on", ">=", fy.start)
    .where("held_on", "<=", fy.end)
    .orderBy("held_on")
    .execute();
  const talks = await db.selectFrom("activity_talks").selectAll().orderBy("position").execute();
  const meetingRows = await db
    .selectFrom("meetings")
    .selectAll()
    .where("starts_at", ">=", fy.from)
    .where("starts_at", "<", fy.to)
    .orderBy("starts_at")
    .execute();
  const attendees = await db.selectFrom("meeting_attendees").selectAll().orderBy("position").execute();
  const decisions = await db
    .selectFrom("decisions")
    .select(["meeting_id", "text", "position", "status"])
    .where("status", "!=", "dropped")
    .orderBy("position")
    .execute();
  // The fiscal year's last day, Japan time: the posture rates hold on it.
  const lastDay = japanDay(new Date(Date.parse(fy.to) - 1));
  return {
    posture: await computePostureRates(db, lastDay),
    selfCheck: await computeSelfCheckDistribution(db, lastDay),
    organisations,
    agreements: agreementRows.map((a) => ({
      id: a.id,
      title: a.title,
      purpose: a.purpose,
      signedOn: a.signed_on,
      parties: parties
        .filter((p) => p.agreement_id === a.id)
        .map((p) => org(p.organisation_id))
        .filter((o): o is Organisation => Boolean(o)),
    })),
    groups: groupRows.map((g) => ({
      id: g.id,
      kind: g.kind,
      name: g.name,
      description: g.description,
      foundedOn: g.founded_on,
      host: org(g.host_organisation_id),
      members: memberships
        .filter((m) => m.group_id === g.id)
        .map((m) => org(m.organisation_id))
        .filter((o): o is Organisation => Boolean(o)),
      // An officer is printed as the seed prints one: the person with their organisation, or the body holding the post.
      officers: officers
        .filter((o) => o.group_id === g.id)
        .map((o) => {
          const body = org(o.organisation_id ?? o.person_organisation_id)?.name;
          const person = o.family_name ? `${o.family_name} ${o.given_name ?? ""}`.trim() : null;
          return { role: o.role, name: person ? (body ? `${person}（${body}）` : person) : (body ?? null) };
        }),
    })),
    activities: activityRows.map((a) => ({
      id: a.id,
      heldOn: a.held_on,
      kind: a.kind,
      organiser: a.organiser,
      title: a.title,
      groupId: a.group_id,
      talks: talks
        .filter((t) => t.activity_id === a.id)
        .map((t) => ({ title: t.title, speaker: t.speaker, affiliation: t.affiliation })),
    })),
    meetings: meetingRows.map((m) => ({
      id: m.id,
      groupId: m.group_id,
      title: m.title,
      startsAt: m.starts_at,
      place: m.place,
      onlineTool: m.online_tool,
      agenda: m.agenda,
      attendees: attendees
        .filter((a) => a.meeting_id === m.id)
        .map((a) => ({ organisation: org(a.organisation_id)?.name ?? "", label: a.attendee_label })),
      decisions: decisions.filter((d) => d.meeting_id === m.id).map((d) => d.text),
    })),
  };
}

async function loadEvents(
  db: Kysely<DB>,
  fy: ReturnType<typeof fiscalYearInstants>,
  surveysInstalled: boolean,
  feedbackOf: (surveyId: string) => Promise<SurveyResults | null>,
): Promise<EventSource[]> {
  const events = await db
    .selectFrom("events")
    .selectAll()
    .where("starts_at", ">=", fy.from)
    .where("starts_at", "<", fy.to)
    .where("status", "!=", "cancelled")
    .orderBy("starts_at")
    .execute();
  const result: EventSource[] = [];
  for (const e of events) {
    const seats = await db
      .selectFrom("event_seat_types")
      .selectAll()
      .where("event_id", "=", e.id)
      .orderBy("position")
      .execute();
    const sessions = await db
      .selectFrom("event_sessions")
      .selectAll()
      .where("event_id", "=", e.id)
      .orderBy("position")
      .execute();
    const speakers =
      sessions.length === 0
        ? []
        : await db
            .selectFrom("event_speakers")
            .selectAll()
            .where(
              "session_id",
              "in",
              sessions.map((s) => s.id),
            )
            .orderBy("position")
            .execute();
    const registrations = await db
      .selectFrom("registrations")
      .leftJoin("organisations", "organisations.id", "registrations.organisation_id")
      .select([
        "registrations.seat_type_key",
        "registrations.checked_in_at",
        "registrations.attended_online",
        "registrations.organisation_name",
        "registrations.attendee_role",
        "organisations.name as registered_name",
      ])
      .where("registrations.event_id", "=", e.id)
      .where("registrations.status", "=", "confirmed")
      .execute();
    // The audit log keeps each capacity change's "before"; the earliest one is the first capacity.
    const changes = await db
      .selectFrom("audit_events")
      .select("before_json")
      .where("entity_type", "=", "event")
      .where("entity_id", "=", e.id)
      .where("action", "=", "event.seat-type.update")
      .orderBy("at")
      .orderBy("id")
      .execute();
    const firstCapacity = new Map<string, number>();
    for (const change of changes) {
      const before = JSON.parse(change.before_json ?? "null") as { key?: string; capacity?: number } | null;
      if (before?.key && typeof before.capacity === "number" && !firstCapacity.has(before.key))
        firstCapacity.set(before.key, before.capacity);
    }
    const press = await db
      .selectFrom("event_press_coverage")
      .select(["outlet", "published_on"])
      .where("event_id", "=", e.id)
      .orderBy("published_on")
      .execute();
    let feedback: SurveyResults | null = null;
    if (surveysInstalled) {
      // The seminar's own feedback survey; else the regional survey linked to it, whose Q16 rates each talk.
      const linkedSurvey = async (template: string) =>
        (
          await db
            .selectFrom("surveys")
            .select("id")
            .where("event_id", "=", e.id)
            .where("template", "=", template)
            .orderBy("created_at")
            .orderBy("id")
            .executeTakeFirst()
        )?.id;
      const linked =
        e.feedback_survey_id ?? (await linkedSurvey("talk-feedback")) ?? (await linkedSurvey("regional-standard"));
      if (linked) feedback = await feedbackOf(linked);
    }
    result.push({
      id: e.id,
      title: e.title,
      theme: e.theme,
      description: e.description,
      startsAt: e.starts_at,
      endsAt: e.ends_at,
      receptionAt: e.reception_at,
      venueName: e.venue_name,
      venueRoom: e.venue_room,
      venueAddress: e.venue_address,
      venuePhone: e.venue_phone,
      onlineTool: e.online_tool,
      feeText: e.fee_text,
      organiser: e.organiser,
      seats: seats.map((s) => {
        const first = firstCapacity.get(s.key);
        return {
          key: s.key,
          label: s.label,
          capacity: s.capacity,
          firstCapacity: first !== undefined && first !== s.capacity ? first : null,
          online: Boolean(s.online),
        };
      }),
      sessions: sessions.map((s) => ({
        title: s.title,
        startsAt: s.starts_at,
        endsAt: s.ends_at,
        abstract: s.abstract,
        speakers: speakers
          .filter((sp) => sp.session_id === s.id)
          .map((sp) => [sp.affiliation, sp.title, sp.name].filter(Boolean).join(" ")),
      })),
      attendance: registrations
        .filter((r) => r.checked_in_at || r.attended_online)
        .map((r) => ({
          organisation: r.registered_name ?? r.organisation_name ?? "",
          seatKey: r.seat_type_key,
          venue: Boolean(r.checked_in_at),
          online: Boolean(r.attended_online) && !r.checked_in_at,
          role: r.attendee_role,
        })),
      feedback,
      press: press.map((p) => ({ outlet: p.outlet, publishedOn: p.published_on })),
    });
  }
  return result;
}

/**
 * Every regional survey (the standard questionnaire) of the year: opened (or, without a date,
 * created) within it, in that order on both databases (they sort a missing date differently).
 */
async function loadSurveys(
  db: Kysely<DB>,
  fy: ReturnType<typeof fiscalYearInstants>,
  resultsOf: (surveyId: string) => Promise<SurveyResults | null>,
): Promise<SurveySource[]> {
  const rows = await db
    .selectFrom("surveys")
    .selectAll()
    .where("template", "=", "regional-standard")
    .where((eb) =>
      eb.or([
        eb.and([eb("opens_at", "is not", null), eb("opens_at", ">=", fy.from), eb("opens_at", "<", fy.to)]),
        eb.and([eb("opens_at", "is", null), eb("created_at", ">=", fy.from), eb("created_at", "<", fy.to)]),
      ]),
    )
    .orderBy((eb) => eb.fn.coalesce("opens_at", "created_at"))
    .orderBy("id")
    .execute();
  const found: SurveySource[] = [];
  for (const s of rows) {
    const results = await resultsOf(s.id);
    if (results)
      found.push({
        id: s.id,
        title: s.title,
        opensAt: s.opens_at,
        closesAt: s.closes_at,
        access: s.access,
        eventId: s.event_id,
        results,
      });
  }
  return found;
}

export async function loadReportSources(deps: SurveysDeps, actor: Actor, fiscalYear: number): Promise<ReportSources> {
  const { db } = deps;
  const fy = fiscalYearInstants(fiscalYear);
  const installed = await installedCapabilities(db);
  const settings = new Map((await db.selectFrom("app_settings").selectAll().execute()).map((s) => [s.key, s.value]));
  // The report leaves for METI: free texts only as the secretariat reviewed them (the whole-sample
  // figures are the same either way; the report shows no breakdowns).
  const resultsOf = async (surveyId: string) =>
    toReportResults(await computeResults(deps, actor, surveyId, { locale: "ja", forSharing: true }));
  const edits = new Map(
    (
      await db.selectFrom("report_edits").select(["block_id", "text"]).where("fiscal_year", "=", fiscalYear).execute()
    ).map((e) => [e.block_id, e.text]),
  );
  return {
    fiscalYear,
    communityName: settings.get("community_name") ?? "",
    operatorName: settings.get("community_operator") ?? settings.get("community_name") ?? "",
    installed,
    community: installed.has("community") ? await loadCommunity(db, fy) : null,
    events: installed.has("events") ? await loadEvents(db, fy, installed.has("surveys"), resultsOf) : null,
    surveys: installed.has("surveys") ? await loadSurveys(db, fy, resultsOf) : null,
    edits,
  };
}
