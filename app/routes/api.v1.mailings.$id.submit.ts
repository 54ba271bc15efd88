import { z } from "zod";
import type { Route } from "./+types/api.v1.mailings.$id.submit";
import { submitMailing } from "#core/mailings/approve-mailing.ts";
import { scheduledAtSchema } from "#core/mailings/mailing-input.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";
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

export const action = (args: Route.ActionArgs) =>
  handleApi(args, submitEndpoint, async ({ state, actor, params, body }) => {
    const { status } = await submitMailing(sharingDepsFrom(state.services), actor, params.id!, body);
    return { id: params.id!, status };
  });
