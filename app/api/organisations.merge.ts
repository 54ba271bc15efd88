import { communityDepsFrom } from "#core/community/deps.ts";
import { mergeOrganisations, mergeOrganisationsInput } from "#core/community/merge-organisations.ts";
import { organisationRecord } from "#core/community/organisation-record.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const mergeEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/organisations/merge",
  summary:
    "Merge a duplicate organisation into the one kept: its people, memberships, parties and attendances move; the duplicate remains as a pointer",
  tags: ["community"],
  access: "secretariat",
  body: mergeOrganisationsInput,
  responses: { 200: { description: "The organisation kept", schema: organisationRecord } },
});

export const endpoints = [
  serve(mergeEndpoint, ({ actor, state, body }) => mergeOrganisations(communityDepsFrom(state.services), actor, body)),
];
