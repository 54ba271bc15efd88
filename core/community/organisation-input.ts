import type { Kysely } from "kysely";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { industries, memberships, prefectures, sectors, sizeBands } from "./codes.ts";
import { optionalDate, optionalText, optionalUrl, requiredText } from "./fields.ts";
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
  })
  .meta({ id: "OrganisationInput" });
export type OrganisationInput = z.infer<typeof organisationInput>;

export const organisationPatch = organisationInput.partial().meta({ id: "OrganisationPatch" });
export type OrganisationPatch = z.infer<typeof organisationPatch>;

/** Column values for the fields present in the input (absent fields are left alone on update). */
export function organisationColumns(input: OrganisationPatch) {
  const columns: Record<string, unknown> = {};
  const map = {
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
  } as const;
  for (const [key, column] of Object.entries(map)) {
    const value = input[key as keyof OrganisationPatch];
    if (value !== undefined) columns[column] = key === "reading" ? (value ?? "") : value;
  }
  return columns;
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
