import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB, Row } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";

export const qualificationRecord = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  registrationNumber: z.string().nullable(),
  acquiredOn: z.string().nullable(),
  renewalDueOn: z.string().nullable(),
});
export const trainingRecord = z.object({
  id: z.string(),
  title: z.string(),
  provider: z.string().nullable(),
  attendedOn: z.string().nullable(),
});

export const personRecord = z
  .object({
    id: z.string(),
    organisationId: z.string().nullable(),
    organisationName: z.string().nullable(),
    familyName: z.string(),
    givenName: z.string(),
    familyReading: z.string(),
    givenReading: z.string(),
    department: z.string().nullable(),
    title: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    mailOptIn: z.boolean(),
    userId: z.string().nullable(),
    /** the account linked to this person (issue 16, item 2): who signs in as them */
    account: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    notes: z.string().nullable(),
    qualifications: z.array(qualificationRecord),
    trainings: z.array(trainingRecord),
    /** the posts they hold in groups (会長, 部会長, 監事, …) */
    roles: z.array(z.object({ groupId: z.string(), groupName: z.string(), role: z.string() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Person" });
export type PersonRecord = z.infer<typeof personRecord>;

type Extras = Pick<PersonRecord, "qualifications" | "trainings" | "organisationName" | "roles" | "account">;

export function personFor(_actor: Actor, row: Row<"people">, extras: Partial<Extras> = {}): PersonRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: extras.organisationName ?? null,
    familyName: row.family_name,
    givenName: row.given_name,
    familyReading: row.family_reading,
    givenReading: row.given_reading,
    department: row.department,
    title: row.title,
    email: row.email,
    phone: row.phone,
    mailOptIn: row.mail_opt_in === 1,
    userId: row.user_id,
    account: extras.account ?? null,
    notes: row.notes,
    qualifications: extras.qualifications ?? [],
    trainings: extras.trainings ?? [],
    roles: extras.roles ?? [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Qualifications, training, group posts and organisation names of a page of people, in four queries. */
export async function loadPeople(db: Kysely<DB>, actor: Actor, rows: Row<"people">[]): Promise<PersonRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const organisationIds = [...new Set(rows.map((r) => r.organisation_id).filter((id): id is string => Boolean(id)))];
  const userIds = [...new Set(rows.map((r) => r.user_id).filter((id): id is string => Boolean(id)))];
  const [qualifications, trainings, organisations, posts, accounts] = await Promise.all([
    db.selectFrom("qualifications").selectAll().where("person_id", "in", ids).orderBy("id").execute(),
    db.selectFrom("trainings").selectAll().where("person_id", "in", ids).orderBy("attended_on").orderBy("id").execute(),
    organisationIds.length
      ? db.selectFrom("organisations").select(["id", "name"]).where("id", "in", organisationIds).execute()
      : Promise.resolve([]),
    db
      .selectFrom("group_officers")
      .innerJoin("groups", "groups.id", "group_officers.group_id")
      .select(["group_officers.person_id", "groups.id", "groups.name", "group_officers.role"])
      .where("group_officers.person_id", "in", ids)
      .orderBy("groups.reading")
      .execute(),
    userIds.length
      ? db.selectFrom("user").select(["id", "name", "email"]).where("id", "in", userIds).execute()
      : Promise.resolve([]),
  ]);
  const names = new Map(organisations.map((o) => [o.id, o.name]));
  const accountsById = new Map(accounts.map((a) => [a.id, a]));
  return rows.map((row) =>
    personFor(actor, row, {
      account: row.user_id ? (accountsById.get(row.user_id) ?? null) : null,
      organisationName: row.organisation_id ? (names.get(row.organisation_id) ?? null) : null,
      qualifications: qualifications
        .filter((q) => q.person_id === row.id)
        .map((q) => ({
          id: q.id,
          kind: q.kind,
          name: q.name,
          registrationNumber: q.registration_number,
          acquiredOn: q.acquired_on,
          renewalDueOn: q.renewal_due_on,
        })),
      trainings: trainings
        .filter((t) => t.person_id === row.id)
        .map((t) => ({ id: t.id, title: t.title, provider: t.provider, attendedOn: t.attended_on })),
      roles: posts
        .filter((p) => p.person_id === row.id)
        .map((p) => ({ groupId: p.id, groupName: p.name, role: p.role })),
    }),
  );
}
