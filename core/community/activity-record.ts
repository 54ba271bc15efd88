import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { personName } from "./children.ts";
import { attendeeRecord } from "./meeting-record.ts";
import { searchTextOf } from "./normalise-search.ts";

export const activityRecord = z
  .object({
    id: z.string(),
    heldOn: z.string(),
    kind: z.string(),
    organiser: z.string().nullable(),
    title: z.string(),
    description: z.string().nullable(),
    groupId: z.string().nullable(),
    groupName: z.string().nullable(),
    url: z.string().nullable(),
    talks: z.array(z.object({ title: z.string(), speaker: z.string().nullable(), affiliation: z.string().nullable() })),
    attendees: z.array(attendeeRecord),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Activity" });
export type ActivityRecord = z.infer<typeof activityRecord>;

export async function loadActivity(db: Kysely<DB>, id: string): Promise<ActivityRecord> {
  const row = await db
    .selectFrom("activities")
    .leftJoin("groups", "groups.id", "activities.group_id")
    .selectAll("activities")
    .select("groups.name as group_name")
    .where("activities.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const [talks, attendees] = await Promise.all([
    db
      .selectFrom("activity_talks")
      .select(["title", "speaker", "affiliation"])
      .where("activity_id", "=", id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("activity_attendees")
      .leftJoin("organisations", "organisations.id", "activity_attendees.organisation_id")
      .leftJoin("people", "people.id", "activity_attendees.person_id")
      .select([
        "activity_attendees.organisation_id",
        "organisations.name",
        "activity_attendees.person_id",
        "people.family_name",
        "people.given_name",
        "activity_attendees.attendee_label",
      ])
      .where("activity_id", "=", id)
      .orderBy("activity_attendees.position")
      .execute(),
  ]);
  return {
    id: row.id,
    heldOn: row.held_on,
    kind: row.kind,
    organiser: row.organiser,
    title: row.title,
    description: row.description,
    groupId: row.group_id,
    groupName: row.group_name,
    url: row.url,
    talks,
    attendees: attendees.map((a) => ({
      organisationId: a.organisation_id,
      organisationName: a.name,
      personId: a.person_id,
      personName:
        a.family_name !== null ? personName({ family_name: a.family_name, given_name: a.given_name ?? "" }) : null,
      label: a.attendee_label,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Title, organiser, and each talk's title, speaker and affiliation are searchable. */
export function activitySearchText(a: {
  title: string;
  organiser: string | null;
  description: string | null;
  talks: { title: string; speaker: string | null; affiliation: string | null }[];
}): string {
  return searchTextOf([
    a.title,
    a.organiser,
    a.description,
    ...a.talks.flatMap((t) => [t.title, t.speaker, t.affiliation]),
  ]);
}
