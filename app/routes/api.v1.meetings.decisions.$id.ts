import { z } from "zod";
import { communityDepsFrom } from "#core/community/deps.ts";
import { decisionStatusInput, updateDecisionStatus } from "#core/community/update-decision-status.ts";
import type { Route } from "./+types/api.v1.meetings.decisions.$id";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

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

export const action = (args: Route.ActionArgs) =>
  handleApi(args, statusEndpoint, async ({ actor, state, params, body }) => {
    await updateDecisionStatus(communityDepsFrom(state.services), actor, params.id!, body);
    return { id: params.id!, status: body.status };
  });
