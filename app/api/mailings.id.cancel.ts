import { z } from "zod";
import { cancelMailing } from "#core/mailings/approve-mailing.ts";
import { defineEndpoint, serve } from "./endpoint.ts";
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

export const endpoints = [
  serve(cancelEndpoint, async ({ state, actor, params }) => {
    await cancelMailing(sharingDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, status: "cancelled" as const };
  }),
];
