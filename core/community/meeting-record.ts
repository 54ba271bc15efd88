import type { Kysely } from "kysely";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { canEditOrganisation } from "./access.ts";
import { personName } from "./children.ts";
import type { MeetingPatch } from "./meeting-input.ts";

export const attendeeRecord = z.object({
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  label: z.string().nullable(),
});
export const decisionRecord = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    text: z.string(),
    ownerOrganisationId: z.string().nullable(),
    ownerOrganisationName: z.string().nullable(),
    ownerLabel: z.string().nullable(),
    dueOn: z.string().nullable(),
    status: z.string(),
  })
  .meta({ id: "Decision" });
export const meetingRecord = z
  .object({
    id: z.string(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
    title: z.string(),
    startsAt: z.string(),
    endsAt: z.string().nullable(),
    place: z.string().nullable(),
    onlineTool: z.string().nullable(),
    agenda: z.string().nullable(),
    minutesMarkdown: z.string().nullable(),
    attendees: z.array(attendeeRecord),
    decisions: z.array(decisionRecord),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Meeting" });
export type MeetingRecord = z.infer<typeof meetingRecord>;

/**
 * A meeting with its attendees and decisions. Given a `viewer`, attendees' personal names are
 * shown only where the viewer may read the person (the secretariat, their own organisation's
 * contact), as on a group's page; without one (the audit record) every name is kept.
 */
export async function loadMeeting(db: Kysely<DB>, id: string, viewer?: Actor): Promise<MeetingRecord> {
  const row = await db
    .selectFrom("meetings")
    .leftJoin("groups", "groups.id", "meetings.group_id")
    .selectAll("meetings")
    .select("groups.name as group_name")
    .where("meetings.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const [attendees, decisions] = await Promise.all([
    db
      .selectFrom("meeting_attendees")
      .leftJoin("organisations", "organisations.id", "meeting_attendees.organisation_id")
      .leftJoin("people", "people.id", "meeting_attendees.person_id")
      .select([
        "meeting_attendees.id",
        "meeting_attendees.organisation_id",
        "organisations.name",
        "meeting_attendees.person_id",
        "people.family_name",
        "people.given_name",
        "people.organisation_id as person_organisation_id",
        "meeting_attendees.attendee_label",
      ])
      .where("meeting_id", "=", id)
      .orderBy("meeting_attendees.position")
      .execute(),
    db
      .selectFrom("decisions")
      .leftJoin("organisations", "organisations.id", "decisions.owner_organisation_id")
      .selectAll("decisions")
      .select("organisations.name as owner_name")
      .where("meeting_id", "=", id)
      .orderBy("decisions.position")
      .execute(),
  ]);
  return {
    id: row.id,
    groupId: row.group_id,
    groupName: row.group_name,
    title: row.title,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    place: row.place,
    onlineTool: row.online_tool,
    agenda: row.agenda,
    minutesMarkdown: row.minutes_markdown,
    attendees: attendees.map((a) => ({
      organisationId: a.organisation_id,
      organisationName: a.name,
      personId: a.person_id,
      personName:
        a.family_name !== null && (!viewer || canEditOrganisation(viewer, a.person_organisation_id))
          ? personName({ family_name: a.family_name, given_name: a.given_name ?? "" })
          : null,
      label: a.attendee_label,
    })),
    decisions: decisions.map(toDecisionRecord),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDecisionRecord(d: {
  id: string;
  meeting_id: string;
  text: string;
  owner_organisation_id: string | null;
  owner_name: string | null;
  owner_label: string | null;
  due_on: string | null;
  status: string;
}) {
  return {
    id: d.id,
    meetingId: d.meeting_id,
    text: d.text,
    ownerOrganisationId: d.owner_organisation_id,
    ownerOrganisationName: d.owner_name,
    ownerLabel: d.owner_label,
    dueOn: d.due_on,
    status: d.status,
  };
}

/**
 * Writes the meeting's decisions as listed: a decision given with its id is updated in place (so
 * the register's links stay valid), one without an id is added, one left out is removed.
 */
export async function saveDecisions(
  db: Kysely<DB>,
  now: Date,
  meetingId: string,
  decisions: MeetingPatch["decisions"],
): Promise<void> {
  if (!decisions) return;
  const existing = await db.selectFrom("decisions").select("id").where("meeting_id", "=", meetingId).execute();
  const kept = new Set(decisions.map((d) => d.id).filter(Boolean));
  const removed = existing.map((e) => e.id).filter((id) => !kept.has(id));
  if (removed.length) await db.deleteFrom("decisions").where("id", "in", removed).execute();
  const known = new Set(existing.map((e) => e.id));
  for (const [position, d] of decisions.entries()) {
    const values = {
      position,
      text: d.text,
      owner_organisation_id: d.ownerOrganisationId ?? null,
      owner_label: d.ownerLabel ?? null,
      due_on: d.dueOn ?? null,
      status: d.status ?? "open",
      updated_at: now.toISOString(),
    };
    if (d.id && known.has(d.id)) await db.updateTable("decisions").set(values).where("id", "=", d.id).execute();
    else
      await db
        .insertInto("decisions")
        .values({ id: newId(now.getTime()), meeting_id: meetingId, created_at: now.toISOString(), ...values })
        .execute();
  }
}

export function meetingReferences(input: MeetingPatch) {
  return {
    organisations: [
      ...(input.attendees ?? []).map((a) => a.organisationId),
      ...(input.decisions ?? []).map((d) => d.ownerOrganisationId),
    ],
    people: (input.attendees ?? []).map((a) => a.personId),
    groups: [input.groupId],
  };
}
