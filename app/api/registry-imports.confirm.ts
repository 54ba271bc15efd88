import { z } from "zod";
import { confirmImport } from "#core/community/confirm-import.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const confirmEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/registry-imports/confirm",
  summary: "Write a checked registry import: every row in one transaction, or nothing; a token works once",
  tags: ["community"],
  access: "secretariat",
  body: z.object({ token: z.string().min(1).max(200) }),
  responses: {
    200: {
      description: "Written",
      schema: z.object({ kind: z.string(), created: z.number().int() }),
    },
    409: { description: "The token expired or was used already" },
    422: { description: "The preview had rows with errors" },
  },
});

export const endpoints = [
  serve(confirmEndpoint, async ({ actor, state, body }) =>
    confirmImport(communityDepsFrom(state.services), actor, body.token),
  ),
];
