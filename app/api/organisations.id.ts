import { z } from "zod";
import { deleteOrganisation } from "#core/community/delete-organisation.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getOrganisation } from "#core/community/get-organisation.ts";
import { organisationPatch } from "#core/community/organisation-input.ts";
import { organisationRecord } from "#core/community/organisation-record.ts";
import { updateOrganisation } from "#core/community/update-organisation.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/organisations/{id}",
  summary: "One organisation with its groups; its people for those who may edit it",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "The organisation", schema: organisationRecord },
    404: { description: "No such organisation" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/organisations/{id}",
  summary: "Change an organisation (the secretariat, or the organisation's own member contact)",
  tags: ["community"],
  access: "signed-in",
  body: organisationPatch,
  responses: {
    200: { description: "The organisation", schema: organisationRecord },
    403: { description: "Not yours" },
    404: { description: "No such organisation" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/organisations/{id}",
  summary: "Remove an organisation (its people stay, without an organisation)",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "No such organisation" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) =>
    getOrganisation(communityDepsFrom(state.services), actor, params.id!),
  ),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deleteOrganisation(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updateOrganisation(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];
