import { z } from "zod";
import { deleteAgreement } from "#core/community/delete-agreement.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { getAgreement } from "#core/community/get-agreement.ts";
import { agreementPatch } from "#core/community/agreement-input.ts";
import { agreementRecord } from "#core/community/agreement-record.ts";
import { updateAgreement } from "#core/community/update-agreement.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/agreements/{id}",
  summary: "One agreement with parties, attachments and history",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "The agreement", schema: agreementRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const patchEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/agreements/{id}",
  summary: "Change an agreement (a parties list given replaces the parties); the change is kept in its history",
  tags: ["community"],
  access: "secretariat",
  body: agreementPatch,
  responses: {
    200: { description: "The agreement", schema: agreementRecord },
    403: { description: "Not allowed" },
    404: { description: "Not found" },
  },
});
const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/agreements/{id}",
  summary: "Remove an agreement with its attachments",
  tags: ["community"],
  access: "secretariat",
  responses: {
    200: { description: "Removed", schema: z.object({ id: z.string(), deleted: z.literal(true) }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(getEndpoint, ({ actor, state, params }) => getAgreement(communityDepsFrom(state.services), actor, params.id!)),
  serve(deleteEndpoint, async ({ actor, state, params }) => {
    await deleteAgreement(communityDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, deleted: true as const };
  }),
  serve(patchEndpoint, ({ actor, state, params, body }) =>
    updateAgreement(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];
