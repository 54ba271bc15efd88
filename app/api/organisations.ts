import { createOrganisation } from "#core/community/create-organisation.ts";
import { listOrganisations, organisationListQuery } from "#core/community/list-organisations.ts";
import { organisationInput } from "#core/community/organisation-input.ts";
import { organisationRecord } from "#core/community/organisation-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/organisations",
  list: {
    summary:
      "Organisations: search by name or reading (kana and width folded), filter, sort, page. Other organisations show only public fields to member contacts.",
    access: "signed-in",
    query: organisationListQuery,
    item: organisationRecord,
    description: "A page of organisations",
    run: listOrganisations,
  },
  create: {
    summary: "Add an organisation to the registry",
    access: "secretariat",
    body: organisationInput,
    record: organisationRecord,
    description: "The organisation",
    run: createOrganisation,
  },
});
