import { z } from "zod";
import { createOrganisation } from "#core/community/create-organisation.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listOrganisations, organisationListQuery } from "#core/community/list-organisations.ts";
import { organisationInput } from "#core/community/organisation-input.ts";
import { organisationRecord } from "#core/community/organisation-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/organisations",
  summary:
    "Organisations: search by name or reading (kana and width folded), filter, sort, page. Other organisations show only public fields to member contacts.",
  tags: ["community"],
  access: "signed-in",
  query: organisationListQuery,
  responses: {
    200: {
      description: "A page of organisations",
      schema: z.object({ items: z.array(organisationRecord), total: z.number().int() }),
    },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/organisations",
  summary: "Add an organisation to the registry",
  tags: ["community"],
  access: "secretariat",
  body: organisationInput,
  responses: { 201: { description: "The organisation", schema: organisationRecord } },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listOrganisations(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const organisation = await createOrganisation(communityDepsFrom(state.services), actor, body);
    return created(organisation, `/api/v1/organisations/${organisation.id}`);
  }),
];
