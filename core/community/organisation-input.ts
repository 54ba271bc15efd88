import type { Kysely } from "kysely";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { AppError } from "../shared/errors.ts";
import type { DB } from "../../db/schema.ts";
import { industries, memberships, prefectures, sectors, sizeBands } from "./codes.ts";
import { optionalDate, optionalText, optionalUrl, requiredText } from "./fields.ts";
import { patchColumns } from "./patch-columns.ts";
import { isValidCorporateNumber, normaliseCorporateNumber } from "./corporate-number.ts";
import { searchTextOf } from "./normalise-search.ts";

export const organisationInput = z
  .object({
    name: requiredText(200),
    reading: z.string().trim().max(200).nullable().optional(),
    sector: z.enum(sectors),
    prefecture: z.enum(prefectures).nullable().optional(),
    industry: z.enum(industries).nullable().optional(),
    sizeBand: z.enum(sizeBands).nullable().optional(),
    membership: z.enum(memberships).optional(),
    membershipType: optionalText(100),
    memberSince: optionalDate(),
    website: optionalUrl(),
    address: optionalText(300),
    notes: optionalText(4000),
    /** 法人番号: 13 digits with its check digit; full-width digits and hyphens are read. */
    corporateNumber: z
      .string()
      .transform(normaliseCorporateNumber)
      .refine((v) => v === "" || isValidCorporateNumber(v), "field.community-corporate-number")
      .transform((v) => v || null)
      .nullable()
      .optional()
      .meta({ description: "法人番号 (13 digits, check digit validated)" }),
  })
  .meta({ id: "OrganisationInput" });
export type OrganisationInput = z.infer<typeof organisationInput>;

export const organisationPatch = organisationInput.partial().meta({ id: "OrganisationPatch" });
export type OrganisationPatch = z.infer<typeof organisationPatch>;

/** Column values for the fields present in the input (absent fields are left alone on update). */
export function organisationColumns(input: OrganisationPatch) {
  return patchColumns(
    input,
    {
      name: "name",
      reading: "reading",
      sector: "sector",
      prefecture: "prefecture",
      industry: "industry",
      sizeBand: "size_band",
      membership: "membership",
      membershipType: "membership_type",
      memberSince: "member_since",
      website: "website",
      address: "address",
      notes: "notes",
      corporateNumber: "corporate_number",
    },
    // A cleared reading is "": the column is NOT NULL.
    { reading: "" },
  );
}

export function organisationSearchText(row: {
  name: string;
  reading: string;
  address?: string | null;
  website?: string | null;
}): string {
  return searchTextOf([row.name, row.reading, row.address, row.website]);
}

/** Inserts a parsed organisation (shared by the form, the API and imports); returns its id. */
export async function insertOrganisationRow(db: Kysely<DB>, now: Date, parsed: OrganisationInput): Promise<string> {
  const id = newId(now.getTime());
  await db
    .insertInto("organisations")
    .values({
      id,
      prefecture: null,
      industry: null,
      size_band: null,
      membership_type: null,
      member_since: null,
      website: null,
      address: null,
      notes: null,
      ...organisationColumns(parsed),
      name: parsed.name,
      reading: parsed.reading ?? "",
      sector: parsed.sector,
      membership: parsed.membership ?? "none",
      search_text: organisationSearchText({
        name: parsed.name,
        reading: parsed.reading ?? "",
        address: parsed.address,
        website: parsed.website,
      }),
      merged_into_id: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .execute();
  return id;
}

/**
 * One organisation per 法人番号 in the registry: a second with the same number is a duplicate to
 * merge (merge-organisations.ts), so it is refused, naming the one that holds the number.
 */
export async function checkCorporateNumberFree(
  db: Kysely<DB>,
  corporateNumber: string | null | undefined,
  exceptId: string | null,
): Promise<void> {
  if (!corporateNumber) return;
  const holder = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("corporate_number", "=", corporateNumber)
    .where("merged_into_id", "is", null)
    .$if(exceptId !== null, (q) => q.where("id", "<>", exceptId!))
    .executeTakeFirst();
  if (holder)
    throw new AppError("corporate-number-taken", {
      fields: [{ field: "corporateNumber", code: "community-corporate-number-taken", params: { name: holder.name } }],
    });
}
