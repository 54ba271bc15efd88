import { z } from "zod";
import { submitMailing } from "#core/mailings/approve-mailing.ts";
import { scheduledAtSchema } from "#core/mailings/mailing-input.ts";
import { defineEndpoint, serve } from "./endpoint.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const submitEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/mailings/{id}/submit",
  summary:
    "Submit a draft for approval and fix its send time (the draft's planned time unless scheduledAt is given; none: as soon as approved). With second approval off, this approves it at once",
  tags: ["mailings"],
  access: "secretariat",
  body: z.object({ scheduledAt: scheduledAtSchema }),
  responses: {
    200: {
      description: "Submitted",
      schema: z.object({ id: z.string(), status: z.enum(["awaiting-approval", "approved"]) }),
    },
    404: { description: "No such mailing" },
    409: { description: "Not a draft" },
  },
});

export const endpoints = [
  serve(submitEndpoint, async ({ state, actor, params, body }) => {
    const { status } = await submitMailing(sharingDepsFrom(state.services), actor, params.id!, body);
    return { id: params.id!, status };
  }),
];
