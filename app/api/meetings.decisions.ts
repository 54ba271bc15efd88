import { z } from "zod";
import { communityDepsFrom } from "#core/community/deps.ts";
import { decisionListQuery, listDecisions, registerEntry } from "#core/community/list-decisions.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const registerEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/meetings/decisions",
  summary:
    "The decisions register across all meetings: open ones by due date first (a group lead: their own groups' meetings)",
  tags: ["community"],
  access: "signed-in",
  query: decisionListQuery,
  responses: {
    200: {
      description: "A page of decisions",
      schema: z.object({ items: z.array(registerEntry), total: z.number().int() }),
    },
  },
});

export const endpoints = [
  serve(registerEndpoint, ({ actor, state, query }) => listDecisions(communityDepsFrom(state.services), actor, query)),
];
