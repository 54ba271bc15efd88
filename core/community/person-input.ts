import type { Kysely } from "kysely";
import { z } from "zod";
import { normaliseTyped } from "../shared/validation.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { qualificationKinds } from "./codes.ts";
import { optionalDate, optionalEmail, optionalId, optionalText, requiredText } from "./fields.ts";
import { searchTextOf } from "./normalise-search.ts";

const qualificationInput = z.object({
  kind: z.enum(qualificationKinds),
  name: optionalText(100),
  registrationNumber: optionalText(50),
  acquiredOn: optionalDate(),
  renewalDueOn: optionalDate(),
});
const trainingInput = z.object({ title: requiredText(200), provider: optionalText(200), attendedOn: optionalDate() });

export const personInput = z
  .object({
    organisationId: optionalId(),
    familyName: requiredText(100),
    givenName: optionalText(100),
    familyReading: optionalText(100),
    givenReading: optionalText(100),
    department: optionalText(200),
    title: optionalText(200),
    email: optionalEmail(),
    phone: z
      .preprocess(normaliseTyped, z.string().regex(/^[0-9+\-() ]{6,20}$/, { message: "field.community-phone" }))
      .nullable()
      .optional(),
    mailOptIn: z.boolean().optional(),
    notes: optionalText(4000),
    qualifications: z.array(qualificationInput).max(20).optional(),
    trainings: z.array(trainingInput).max(100).optional(),
  })
  .meta({ id: "PersonInput" });
export type PersonInput = z.infer<typeof personInput>;
export const personPatch = personInput.partial().meta({ id: "PersonPatch" });
export type PersonPatch = z.infer<typeof personPatch>;

const columnOf = {
  organisationId: "organisation_id",
  familyName: "family_name",
  givenName: "given_name",
  familyReading: "family_reading",
  givenReading: "given_reading",
  department: "department",
  title: "title",
  email: "email",
  phone: "phone",
  notes: "notes",
} as const;
const TEXT_NOT_NULL = new Set(["given_name", "family_reading", "given_reading"]);

export function personColumns(input: PersonPatch): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(columnOf)) {
    const value = input[key as keyof typeof columnOf];
    if (value !== undefined) columns[column] = TEXT_NOT_NULL.has(column) ? (value ?? "") : value;
  }
  if (input.mailOptIn !== undefined) columns.mail_opt_in = input.mailOptIn ? 1 : 0;
  return columns;
}

export function personSearchText(row: {
  family_name: string;
  given_name: string;
  family_reading: string;
  given_reading: string;
  email: string | null;
  department: string | null;
  title: string | null;
}): string {
  return searchTextOf([
    row.family_name + row.given_name,
    row.family_reading + row.given_reading,
    row.email,
    row.department,
    row.title,
  ]);
}

/** Replaces a person's qualifications and training with the lists given (when given). */
export async function replacePersonExtras(
  db: Kysely<DB>,
  now: Date,
  personId: string,
  input: PersonPatch,
): Promise<void> {
  if (input.qualifications) {
    await db.deleteFrom("qualifications").where("person_id", "=", personId).execute();
    for (const q of input.qualifications) {
      await db
        .insertInto("qualifications")
        .values({
          id: newId(now.getTime()),
          person_id: personId,
          kind: q.kind,
          name: q.name ?? null,
          registration_number: q.registrationNumber ?? null,
          acquired_on: q.acquiredOn ?? null,
          renewal_due_on: q.renewalDueOn ?? null,
          created_at: now.toISOString(),
        })
        .execute();
    }
  }
  if (input.trainings) {
    await db.deleteFrom("trainings").where("person_id", "=", personId).execute();
    for (const t of input.trainings) {
      await db
        .insertInto("trainings")
        .values({
          id: newId(now.getTime()),
          person_id: personId,
          title: t.title,
          provider: t.provider ?? null,
          attended_on: t.attendedOn ?? null,
          created_at: now.toISOString(),
        })
        .execute();
    }
  }
}

/** Inserts a parsed person with qualifications and training (form, API and imports); returns the id. */
export async function insertPersonRow(db: Kysely<DB>, now: Date, parsed: PersonInput): Promise<string> {
  const id = newId(now.getTime());
  const row = {
    id,
    organisation_id: null,
    given_name: "",
    family_reading: "",
    given_reading: "",
    department: null,
    title: null,
    email: null,
    phone: null,
    user_id: null,
    notes: null,
    ...personColumns(parsed),
    family_name: parsed.familyName,
    mail_opt_in: parsed.mailOptIn ? 1 : 0,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db
    .insertInto("people")
    .values({ ...row, search_text: personSearchText(row as Parameters<typeof personSearchText>[0]) })
    .execute();
  await replacePersonExtras(db, now, id, parsed);
  return id;
}
