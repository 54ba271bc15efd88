import { z } from "zod";
import { commitPostureImport } from "#core/community/commit-posture-import.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const commitEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/posture-imports/commit",
  summary:
    "Record a checked posture import: every accepted row's changed records as new history rows, in one transaction, or nothing; refused and unchanged rows write nothing; a token works once",
  tags: ["community"],
  access: "secretariat",
  body: z.object({ token: z.string().min(1).max(200) }),
  responses: {
    200: {
      description: "Recorded",
      schema: z.object({
        importId: z.string(),
        organisations: z.number().int(),
        records: z.number().int(),
        refused: z.number().int(),
      }),
    },
    409: { description: "The token expired or was used, or an organisation was deleted or merged since the preview" },
  },
});

export const endpoints = [
  serve(commitEndpoint, async ({ actor, state, body }) =>
    commitPostureImport(communityDepsFrom(state.services), actor, body.token),
  ),
];
