import { type Kysely, sql } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { Sector } from "./codes.ts";
import { canEditOrganisation, isRegistryAdmin, ledGroupIds, memberOrganisationIds } from "./access.ts";
import { personName } from "./children.ts";

export const groupRecord = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    reading: z.string(),
    hostOrganisationId: z.string().nullable(),
    hostOrganisationName: z.string().nullable(),
    description: z.string().nullable(),
    foundedOn: z.string().nullable(),
    members: z.array(
      z.object({
        organisationId: z.string().nullable(),
        organisationName: z.string().nullable(),
        sector: z.string().nullable(),
        personId: z.string().nullable(),
        personName: z.string().nullable(),
        joinedOn: z.string().nullable(),
      }),
    ),
    officers: z.array(
      z.object({
        role: z.string(),
        vacant: z.boolean(),
        personId: z.string().nullable(),
        personName: z.string().nullable(),
        organisationId: z.string().nullable(),
        organisationName: z.string().nullable(),
        termStart: z.string().nullable(),
        termEnd: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Group" });
export type GroupRecord = z.infer<typeof groupRecord>;

/**
 * The groups the actor may read: all for the secretariat; for others the groups their
 * organisation or they themselves belong to, and the groups they lead. `null` = all.
 */
export async function readableGroupIds(db: Kysely<DB>, actor: Actor): Promise<string[] | null> {
  if (isRegistryAdmin(actor)) return null;
  const organisations = memberOrganisationIds(actor);
  const userId = actor.kind === "user" ? actor.userId : null;
  const rows = await db
    .selectFrom("group_memberships")
    .select("group_id")
    .where((eb) =>
      eb.or([
        organisations.length ? eb("organisation_id", "in", organisations) : sql<boolean>`1 = 0`,
        userId
          ? eb("person_id", "in", eb.selectFrom("people").select("id").where("user_id", "=", userId))
          : sql<boolean>`1 = 0`,
      ]),
    )
    .execute();
  return [...new Set([...rows.map((r) => r.group_id), ...ledGroupIds(actor)])];
}

/**
 * A group with its members and officers. People's names are shown to the secretariat and to
 * the editors of the person's own organisation; others see the post, the body and 未任命 or not.
 */
export async function loadGroup(db: Kysely<DB>, actor: Actor, id: string): Promise<GroupRecord> {
  const row = await db
    .selectFrom("groups")
    .leftJoin("organisations", "organisations.id", "groups.host_organisation_id")
    .selectAll("groups")
    .select("organisations.name as host_name")
    .where("groups.id", "=", id)
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const [members, officers] = await Promise.all([
    db
      .selectFrom("group_memberships")
      .leftJoin("organisations", "organisations.id", "group_memberships.organisation_id")
      .leftJoin("people", "people.id", "group_memberships.person_id")
      .select([
        "group_memberships.organisation_id",
        "organisations.name as organisation_name",
        "organisations.sector",
        "organisations.reading",
        "group_memberships.person_id",
        "people.family_name",
        "people.given_name",
        "people.organisation_id as person_organisation_id",
        "group_memberships.joined_on",
      ])
      .where("group_id", "=", id)
      .execute(),
    db
      .selectFrom("group_officers")
      .leftJoin("organisations", "organisations.id", "group_officers.organisation_id")
      .leftJoin("people", "people.id", "group_officers.person_id")
      .select([
        "group_officers.role",
        "group_officers.person_id",
        "people.family_name",
        "people.given_name",
        "people.organisation_id as person_organisation_id",
        "group_officers.organisation_id",
        "organisations.name as organisation_name",
        "group_officers.term_start",
        "group_officers.term_end",
      ])
      .where("group_id", "=", id)
      .orderBy("group_officers.position")
      .execute(),
  ]);
  const nameIfAllowed = (r: {
    family_name: string | null;
    given_name: string | null;
    person_organisation_id: string | null;
  }) =>
    r.family_name !== null && (isRegistryAdmin(actor) || canEditOrganisation(actor, r.person_organisation_id))
      ? personName({ family_name: r.family_name, given_name: r.given_name ?? "" })
      : null;
  // Members listed as the group pages show them: businesses first, then universities and public bodies.
  const sectorOrder: readonly string[] = [
    "industry",
    "finance",
    "media",
    "nonprofit",
    "academia",
    "government",
    "other",
  ] satisfies Sector[];
  members.sort(
    (a, b) =>
      sectorOrder.indexOf(a.sector ?? "other") - sectorOrder.indexOf(b.sector ?? "other") ||
      (a.reading ?? "").localeCompare(b.reading ?? "", "ja"),
  );
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    reading: row.reading,
    hostOrganisationId: row.host_organisation_id,
    hostOrganisationName: row.host_name,
    description: row.description,
    foundedOn: row.founded_on,
    members: members.map((m) => ({
      organisationId: m.organisation_id,
      organisationName: m.organisation_name,
      sector: m.sector,
      personId: m.person_id,
      personName: nameIfAllowed(m),
      joinedOn: m.joined_on,
    })),
    officers: officers.map((o) => ({
      role: o.role,
      vacant: o.person_id === null && o.organisation_id === null,
      personId: o.person_id,
      personName: nameIfAllowed(o),
      organisationId: o.organisation_id,
      organisationName: o.organisation_name,
      termStart: o.term_start,
      termEnd: o.term_end,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
