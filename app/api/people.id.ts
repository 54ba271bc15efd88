import { z } from "zod";
import { deletePerson } from "#core/community/delete-person.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getPerson } from "#core/community/get-person.ts";
import { personPatch } from "#core/community/person-input.ts";
import { personRecord } from "#core/community/person-record.ts";
import { updatePerson } from "#core/community/update-person.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/people/{id}",
  summary: "One person with qualifications and training",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "The person", schema: personRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/people/{id}",
  summary: "Change a person (lists given replace qualifications and training)",
  tags: ["community"],
  access: "signed-in",
  body: personPatch,
  responses: {
    200: { description: "The person", schema: personRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/people/{id}",
  summary: "Remove a person",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) => getPerson(communityDepsFrom(state.services), actor, params.id!)),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deletePerson(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updatePerson(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];
