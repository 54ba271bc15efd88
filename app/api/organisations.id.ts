import { deleteOrganisation } from "#core/community/delete-organisation.ts";
import { getOrganisation } from "#core/community/get-organisation.ts";
import { organisationPatch } from "#core/community/organisation-input.ts";
import { organisationRecord } from "#core/community/organisation-record.ts";
import { updateOrganisation } from "#core/community/update-organisation.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/organisations/{id}",
  access: { get: "signed-in", patch: "signed-in", delete: "secretariat" },
  record: organisationRecord,
  the: "The organisation",
  summaries: {
    get: "One organisation with its groups; its people for those who may edit it",
    patch: "Change an organisation (the secretariat, or the organisation's own member contact)",
    delete: "Remove an organisation (its people stay, without an organisation)",
  },
  notFound: "No such organisation",
  readForbidden: null,
  changeForbidden: "Not yours",
  patch: organisationPatch,
  get: getOrganisation,
  update: updateOrganisation,
  remove: deleteOrganisation,
});
