/**
 * An organisation as the registry shows it. Callers who may not see an organisation's details
 * (member contacts of other organisations) get only its public fields (`access: "public"`).
 */
import { z } from "zod";
import type { Row } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { canEditOrganisation } from "./access.ts";
import { memberships, sectors } from "./codes.ts";

export const organisationRecord = z
  .object({
    id: z.string(),
    access: z.enum(["full", "public"]),
    name: z.string(),
    reading: z.string(),
    sector: z.enum(sectors),
    prefecture: z.string().nullable(),
    membership: z.enum(memberships),
    industry: z.string().nullable().optional(),
    sizeBand: z.string().nullable().optional(),
    membershipType: z.string().nullable().optional(),
    memberSince: z.string().nullable().optional(),
    website: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
    notes: z.string().nullable().optional(),
    corporateNumber: z.string().nullable().optional(),
    mergedIntoId: z.string().nullable().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
  })
  .meta({ id: "Organisation" });
export type OrganisationRecord = z.infer<typeof organisationRecord>;

export function publicOrganisation(row: Row<"organisations">): OrganisationRecord {
  return {
    id: row.id,
    access: "public",
    name: row.name,
    reading: row.reading,
    sector: row.sector as OrganisationRecord["sector"],
    prefecture: row.prefecture,
    membership: row.membership as OrganisationRecord["membership"],
  };
}

export function fullOrganisation(row: Row<"organisations">): OrganisationRecord {
  return {
    ...publicOrganisation(row),
    access: "full",
    industry: row.industry,
    sizeBand: row.size_band,
    membershipType: row.membership_type,
    memberSince: row.member_since,
    website: row.website,
    address: row.address,
    notes: row.notes,
    corporateNumber: row.corporate_number,
    mergedIntoId: row.merged_into_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** What this actor may see of this organisation. */
export function organisationFor(actor: Actor, row: Row<"organisations">): OrganisationRecord {
  return canEditOrganisation(actor, row.id) ? fullOrganisation(row) : publicOrganisation(row);
}
