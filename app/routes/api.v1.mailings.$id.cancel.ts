import { z } from "zod";
import type { Route } from "./+types/api.v1.mailings.$id.cancel";
import { cancelMailing } from "#core/mailings/approve-mailing.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const cancelEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/mailings/{id}/cancel",
  summary: "Cancel a mailing that has not started sending (draft, awaiting approval or approved)",
  tags: ["mailings"],
  access: "secretariat",
  responses: {
    200: { description: "Cancelled", schema: z.object({ id: z.string(), status: z.literal("cancelled") }) },
    404: { description: "No such mailing" },
    409: { description: "Already sending, sent or cancelled" },
  },
});

export const action = (args: Route.ActionArgs) =>
  handleApi(args, cancelEndpoint, async ({ state, actor, params }) => {
    await cancelMailing(sharingDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, status: "cancelled" as const };
  });
