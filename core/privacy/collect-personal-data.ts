import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Subject } from "./find-subject.ts";
import { about } from "./subject-rows.ts";

/**
 * Everything held about a subject (保有個人データ), as plain data: the export prints it, the
 * self-service page and the erasure confirmation count it. Secrets (password hashes, TOTP
 * seeds, token hashes) are never part of it.
 */
export interface PersonalData {
  ref: string;
  person: {
    id: string;
    familyName: string;
    givenName: string;
    familyReading: string;
    givenReading: string;
    department: string | null;
    title: string | null;
    email: string | null;
    phone: string | null;
    mailOptIn: boolean;
    notes: string | null;
    createdAt: string;
    updatedAt: string;
    organisation: { id: string; name: string } | null;
    qualifications: {
      kind: string;
      name: string | null;
      registrationNumber: string | null;
      acquiredOn: string | null;
      renewalDueOn: string | null;
    }[];
    trainings: { title: string; provider: string | null; attendedOn: string | null }[];
  }[];
  groupMemberships: { group: string; joinedOn: string | null }[];
  officerRoles: { group: string; role: string; termStart: string | null; termEnd: string | null }[];
  meetings: { title: string; startsAt: string }[];
  activities: { title: string; heldOn: string }[];
  registrations: {
    id: string;
    event: string;
    startsAt: string;
    seatType: string;
    status: string;
    name: string;
    email: string;
    organisation: string | null;
    answers: unknown;
    checkedInAt: string | null;
    attendedOnline: boolean;
    /** Minutes in the online tool's report (all joins added up). */
    onlineMinutes: number | null;
    /** Recorded from the report without having registered. */
    walkIn: boolean;
    createdAt: string;
  }[];
  surveyInvitations: {
    id: string;
    survey: string;
    email: string;
    state: string;
    invitedAt: string;
    completedOn: string | null;
  }[];
  mailingRecipients: { id: string; mailing: string; email: string; name: string; status: string; createdAt: string }[];
  mails: { subject: string; status: string; createdAt: string; sentAt: string | null }[];
  downloads: { subjectType: string; subjectId: string; mode: string; tlp: string | null; at: string }[];
  invitations: {
    id: string;
    email: string;
    name: string;
    role: string;
    createdAt: string;
    acceptedAt: string | null;
  }[];
  mailSuppressions: { email: string; reason: string; createdAt: string }[];
  speakerRecords: { event: string; session: string; name: string }[];
  guestInvitations: { event: string; name: string; email: string; attendeeRole: string; createdAt: string }[];
  talkMaterials: { title: string; speakerName: string; uploadedAt: string }[];
  auditEvents: {
    at: string;
    action: string;
    actor: string;
    entityType: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
  }[];
  account: {
    id: string;
    name: string;
    email: string;
    locale: string | null;
    twoFactorEnabled: boolean;
    createdAt: string;
    roles: { role: string; scopeType: string; scopeId: string | null }[];
    sessions: number;
    apiTokens: { name: string; createdAt: string; revokedAt: string | null }[];
    /** The programme offices the account is on (programme_staff, migration 0710: the installation's). */
    programmes: { slug: string; name: string; since: string }[];
  } | null;
  /** What the account exported from a programme's office (programme_audit_events, migration 0730). */
  programmeAuditEvents: { programme: string; at: string; action: string; after: unknown }[];
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));
const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : String(value));

export async function collectPersonalData(db: Kysely<DB>, s: Subject): Promise<PersonalData> {
  const personRows =
    s.personIds.length === 0
      ? []
      : await db
          .selectFrom("people")
          .leftJoin("organisations", "organisations.id", "people.organisation_id")
          .selectAll("people")
          .select(["organisations.name as organisation_name"])
          .where("people.id", "in", s.personIds)
          .execute();
  const person = await Promise.all(
    personRows.map(async (p) => ({
      id: p.id,
      familyName: p.family_name,
      givenName: p.given_name,
      familyReading: p.family_reading,
      givenReading: p.given_reading,
      department: p.department,
      title: p.title,
      email: p.email,
      phone: p.phone,
      mailOptIn: p.mail_opt_in === 1,
      notes: p.notes,
      createdAt: p.created_at,
      updatedAt: p.updated_at,
      organisation: p.organisation_id ? { id: p.organisation_id, name: p.organisation_name ?? "" } : null,
      qualifications: (
        await db.selectFrom("qualifications").selectAll().where("person_id", "=", p.id).orderBy("created_at").execute()
      ).map((q) => ({
        kind: q.kind,
        name: q.name,
        registrationNumber: q.registration_number,
        acquiredOn: q.acquired_on,
        renewalDueOn: q.renewal_due_on,
      })),
      trainings: (
        await db.selectFrom("trainings").selectAll().where("person_id", "=", p.id).orderBy("created_at").execute()
      ).map((t) => ({ title: t.title, provider: t.provider, attendedOn: t.attended_on })),
    })),
  );

  const groupMemberships = (
    await db
      .selectFrom("group_memberships")
      .innerJoin("groups", "groups.id", "group_memberships.group_id")
      .select(["groups.name", "group_memberships.joined_on"])
      .where(about.group_memberships(s) as never)
      .execute()
  ).map((m) => ({ group: m.name, joinedOn: m.joined_on }));
  const officerRoles = (
    await db
      .selectFrom("group_officers")
      .innerJoin("groups", "groups.id", "group_officers.group_id")
      .select(["groups.name", "group_officers.role", "group_officers.term_start", "group_officers.term_end"])
      .where(about.group_officers(s) as never)
      .execute()
  ).map((o) => ({ group: o.name, role: o.role, termStart: o.term_start, termEnd: o.term_end }));
  const meetings = (
    await db
      .selectFrom("meeting_attendees")
      .innerJoin("meetings", "meetings.id", "meeting_attendees.meeting_id")
      .select(["meetings.title", "meetings.starts_at"])
      .where(about.meeting_attendees(s) as never)
      .orderBy("meetings.starts_at")
      .execute()
  ).map((m) => ({ title: m.title, startsAt: m.starts_at }));
  const activities = (
    await db
      .selectFrom("activity_attendees")
      .innerJoin("activities", "activities.id", "activity_attendees.activity_id")
      .select(["activities.title", "activities.held_on"])
      .where(about.activity_attendees(s) as never)
      .orderBy("activities.held_on")
      .execute()
  ).map((a) => ({ title: a.title, heldOn: a.held_on }));

  const registrationRows = await db
    .selectFrom("registrations")
    .innerJoin("events", "events.id", "registrations.event_id")
    .selectAll("registrations")
    .select(["events.title as event_title", "events.starts_at as event_starts_at"])
    .where(about.registrations(s) as never)
    .orderBy("registrations.created_at")
    .execute();
  const invitationRows = await db
    .selectFrom("survey_invitations")
    .innerJoin("surveys", "surveys.id", "survey_invitations.survey_id")
    .selectAll("survey_invitations")
    .select("surveys.title as survey_title")
    .where(about.survey_invitations(s) as never)
    .orderBy("survey_invitations.invited_at")
    .execute();
  const recipientRows = await db
    .selectFrom("mailing_recipients")
    .innerJoin("mailings", "mailings.id", "mailing_recipients.mailing_id")
    .selectAll("mailing_recipients")
    .select("mailings.subject as mailing_subject")
    .where(about.mailing_recipients(s) as never)
    .orderBy("mailing_recipients.created_at")
    .execute();
  const accountInvitations = await db
    .selectFrom("invitations")
    .selectAll()
    .where(about.invitations(s))
    .orderBy("created_at")
    .execute();
  const entityIds = [...registrationRows, ...invitationRows, ...recipientRows, ...accountInvitations].map((r) => r.id);

  return {
    ref: s.ref,
    person,
    groupMemberships,
    officerRoles,
    meetings,
    activities,
    registrations: registrationRows.map((r) => ({
      id: r.id,
      event: r.event_title,
      startsAt: r.event_starts_at,
      seatType: r.seat_type_key,
      status: r.status,
      name: r.name,
      email: r.email,
      organisation: r.organisation_name,
      answers: parse(r.answers_json),
      checkedInAt: r.checked_in_at,
      attendedOnline: r.attended_online === 1,
      onlineMinutes: r.online_minutes,
      walkIn: r.walk_in === 1,
      createdAt: r.created_at,
    })),
    surveyInvitations: invitationRows.map((i) => ({
      id: i.id,
      survey: i.survey_title,
      email: i.email,
      state: i.state,
      invitedAt: i.invited_at,
      completedOn: i.completed_at,
    })),
    mailingRecipients: recipientRows.map((r) => ({
      id: r.id,
      mailing: r.mailing_subject,
      email: r.email,
      name: r.name,
      status: r.status,
      createdAt: r.created_at,
    })),
    mails: (
      await db
        .selectFrom("outbox_messages")
        .select(["subject", "status", "created_at", "sent_at"])
        .where(about.outbox_messages(s))
        .orderBy("created_at")
        .execute()
    ).map((m) => ({ subject: m.subject, status: m.status, createdAt: m.created_at, sentAt: m.sent_at })),
    downloads: (
      await db.selectFrom("sharing_downloads").selectAll().where(about.sharing_downloads(s)).orderBy("at").execute()
    ).map((d) => ({ subjectType: d.subject_type, subjectId: d.subject_id, mode: d.mode, tlp: d.tlp_label, at: d.at })),
    invitations: accountInvitations.map((i) => ({
      id: i.id,
      email: i.email,
      name: i.name,
      role: i.role,
      createdAt: i.created_at,
      acceptedAt: i.accepted_at,
    })),
    mailSuppressions: (
      await db.selectFrom("mail_suppressions").selectAll().where(about.mail_suppressions(s)).execute()
    ).map((m) => ({ email: m.email, reason: m.reason, createdAt: m.created_at })),
    speakerRecords: await db
      .selectFrom("event_speakers")
      .innerJoin("event_sessions", "event_sessions.id", "event_speakers.session_id")
      .innerJoin("events", "events.id", "event_sessions.event_id")
      .select(["events.title as event", "event_sessions.title as session", "event_speakers.name"])
      .where(about.event_speakers(s) as never)
      .execute(),
    guestInvitations: (
      await db
        .selectFrom("event_guests")
        .innerJoin("events", "events.id", "event_guests.event_id")
        .select([
          "events.title as event",
          "event_guests.name",
          "event_guests.email",
          "event_guests.attendee_role",
          "event_guests.created_at",
        ])
        .where(about.event_guests(s) as never)
        .orderBy("event_guests.created_at")
        .execute()
    ).map((g) => ({
      event: g.event,
      name: g.name,
      email: g.email,
      attendeeRole: g.attendee_role,
      createdAt: g.created_at,
    })),
    talkMaterials: (
      await db
        .selectFrom("talk_materials")
        .select(["title", "speaker_name", "uploaded_at"])
        .where(about.talk_materials(s))
        .execute()
    ).map((m) => ({ title: m.title, speakerName: m.speaker_name, uploadedAt: m.uploaded_at })),
    auditEvents: (
      await db
        .selectFrom("audit_events")
        .selectAll()
        .where(about.audit_events(s, entityIds))
        .orderBy("at")
        .orderBy("id")
        .execute()
    ).map((e) => ({
      at: e.at,
      action: e.action,
      actor: e.actor_label,
      entityType: e.entity_type,
      entityId: e.entity_id,
      before: parse(e.before_json),
      after: parse(e.after_json),
    })),
    account: s.userId ? await accountOf(db, s.userId) : null,
    programmeAuditEvents: s.userId
      ? (
          await db
            .selectFrom("programme_audit_events")
            .innerJoin("programmes", "programmes.id", "programme_audit_events.programme_id")
            .select([
              "programmes.name as programme",
              "programme_audit_events.at",
              "programme_audit_events.action",
              "programme_audit_events.after_json",
            ])
            .where("programme_audit_events.actor_id", "=", s.userId)
            .orderBy("programme_audit_events.at")
            .orderBy("programme_audit_events.id")
            .execute()
        ).map((e) => ({ programme: e.programme, at: e.at, action: e.action, after: parse(e.after_json) }))
      : [],
  };
}

async function accountOf(db: Kysely<DB>, userId: string): Promise<PersonalData["account"]> {
  const user = await db.selectFrom("user").selectAll().where("id", "=", userId).executeTakeFirst();
  if (!user) return null;
  const roles = await db
    .selectFrom("role_grants")
    .select(["role", "scope_type", "scope_id"])
    .where("user_id", "=", userId)
    .execute();
  const sessions = await db
    .selectFrom("session")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("userId", "=", userId)
    .executeTakeFirstOrThrow();
  const tokens = await db
    .selectFrom("api_tokens")
    .select(["name", "created_at", "revoked_at"])
    .where("created_by", "=", userId)
    .orderBy("created_at")
    .execute();
  const programmes = await db
    .selectFrom("programme_staff")
    .innerJoin("programmes", "programmes.id", "programme_staff.programme_id")
    .select(["programmes.slug", "programmes.name", "programme_staff.created_at"])
    .where("programme_staff.user_id", "=", userId)
    .orderBy("programmes.slug")
    .execute();
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    locale: user.locale,
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    createdAt: iso(user.createdAt),
    roles: roles.map((r) => ({ role: r.role, scopeType: r.scope_type, scopeId: r.scope_id })),
    sessions: Number(sessions.n),
    apiTokens: tokens.map((t) => ({ name: t.name, createdAt: t.created_at, revokedAt: t.revoked_at })),
    programmes: programmes.map((p) => ({ slug: p.slug, name: p.name, since: p.created_at })),
  };
}
