import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";

type ChildTable =
  | "agreement_parties"
  | "group_memberships"
  | "group_officers"
  | "meeting_attendees"
  | "activity_talks"
  | "activity_attendees";
const parentColumn = {
  agreement_parties: "agreement_id",
  group_memberships: "group_id",
  group_officers: "group_id",
  meeting_attendees: "meeting_id",
  activity_talks: "activity_id",
  activity_attendees: "activity_id",
} as const;

/**
 * Replaces a record's list of children (parties, members, officers, attendees, talks) with the
 * one given, in list order. Lists are edited as a whole in the forms and the API, so replacing
 * is what the user asked for; the audit record keeps both versions.
 */
export async function replaceChildren(
  db: Kysely<DB>,
  now: Date,
  table: ChildTable,
  parentId: string,
  rows: Record<string, unknown>[] | undefined,
): Promise<void> {
  if (!rows) return;
  const column = parentColumn[table];
  await db
    .deleteFrom(table)
    .where(column as any, "=", parentId)
    .execute();
  for (const [position, row] of rows.entries()) {
    await db
      .insertInto(table)
      .values({ id: newId(now.getTime()), [column]: parentId, position, ...row } as any)
      .execute();
  }
}

/** Ids referenced by the input must exist; a wrong one is a field error, not a database error. */
export async function requireExisting(
  db: Kysely<DB>,
  table: "organisations" | "people" | "groups",
  ids: (string | null | undefined)[],
  field: string,
): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return;
  const found = await db.selectFrom(table).select("id").where("id", "in", wanted).execute();
  if (found.length !== wanted.length) {
    throw new AppError("validation-failed", {
      fields: [
        {
          field,
          code: `community-unknown-${table === "people" ? "person" : table === "groups" ? "group" : "organisation"}`,
        },
      ],
    });
  }
}

/** Display names of people (family name first, as Japanese names are written). */
export function personName(row: { family_name: string; given_name: string }): string {
  return row.given_name ? `${row.family_name} ${row.given_name}` : row.family_name;
}
