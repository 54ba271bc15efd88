import { z } from "zod";
import { communityDepsFrom } from "#core/community/deps.ts";
import { decisionStatusInput, updateDecisionStatus } from "#core/community/update-decision-status.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const statusEndpoint = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/meetings/decisions/{id}",
  summary: "Mark a decision open, done or dropped (a group lead: of their own group's meetings)",
  tags: ["community"],
  access: "signed-in",
  body: decisionStatusInput,
  responses: {
    200: { description: "Updated", schema: z.object({ id: z.string(), status: z.string() }) },
    404: { description: "Not found" },
  },
});

export const endpoints = [
  serve(statusEndpoint, async ({ actor, state, params, body }) => {
    await updateDecisionStatus(communityDepsFrom(state.services), actor, params.id!, body);
    return { id: params.id!, status: body.status };
  }),
];
