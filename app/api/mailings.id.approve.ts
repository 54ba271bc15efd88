import { z } from "zod";
import { approveMailing } from "#core/mailings/approve-mailing.ts";
import { defineEndpoint, serve } from "./endpoint.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const approveEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/mailings/{id}/approve",
  summary: "Approve a submitted mailing as a second secretariat user; it is sent at its scheduled time",
  tags: ["mailings"],
  access: "secretariat",
  responses: {
    200: { description: "Approved", schema: z.object({ id: z.string(), status: z.literal("approved") }) },
    403: { description: "Not the secretariat, or the one who submitted it (a second user must approve)" },
    404: { description: "No such mailing" },
    409: { description: "Not awaiting approval" },
  },
});

export const endpoints = [
  serve(approveEndpoint, async ({ state, actor, params }) => {
    await approveMailing(sharingDepsFrom(state.services), actor, params.id!);
    return { id: params.id!, status: "approved" as const };
  }),
];
