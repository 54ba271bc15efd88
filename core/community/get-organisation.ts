import type { Actor } from "../accounts/actor.ts";
import { requireRegistryReader, canEditOrganisation, isRegistryAdmin } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { organisationFor, type OrganisationRecord } from "./organisation-record.ts";
import { personFor, type PersonRecord } from "./person-record.ts";

export interface OrganisationDetail extends OrganisationRecord {
  /** Present only for those who may see the organisation's people. */
  people?: PersonRecord[];
  groups: { id: string; name: string; kind: string }[];
  agreements?: { id: string; title: string; signedOn: string | null; signatoryTitle: string | null }[];
}

/** One organisation; its people to those who may edit it, its agreements to the secretariat. */
export async function getOrganisation(deps: CommunityDeps, actor: Actor, id: string): Promise<OrganisationDetail> {
  requireRegistryReader(actor);
  const row = await findOrganisationRow(deps.db, id);
  const groups = await deps.db
    .selectFrom("group_memberships")
    .innerJoin("groups", "groups.id", "group_memberships.group_id")
    .select(["groups.id", "groups.name", "groups.kind"])
    .where("group_memberships.organisation_id", "=", id)
    .orderBy("groups.reading")
    .execute();
  const detail: OrganisationDetail = { ...organisationFor(actor, row), groups };
  if (canEditOrganisation(actor, id)) {
    const people = await deps.db
      .selectFrom("people")
      .selectAll()
      .where("organisation_id", "=", id)
      .orderBy("family_reading")
      .orderBy("given_reading")
      .execute();
    detail.people = people.map((p) => personFor(actor, p));
  }
  if (isRegistryAdmin(actor)) {
    detail.agreements = await deps.db
      .selectFrom("agreement_parties")
      .innerJoin("agreements", "agreements.id", "agreement_parties.agreement_id")
      .select([
        "agreements.id",
        "agreements.title",
        "agreements.signed_on as signedOn",
        "agreement_parties.signatory_title as signatoryTitle",
      ])
      .where("agreement_parties.organisation_id", "=", id)
      .orderBy("agreements.signed_on", "desc")
      .execute();
  }
  return detail;
}
