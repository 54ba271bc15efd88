import { getMailing } from "#core/mailings/get-mailing.ts";
import { mailingWithProgressSchema } from "#core/mailings/mailing-schema.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getMailingEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/mailings/{id}",
  summary: "One mailing with its status and live progress (sent / failed / waiting / skipped of total)",
  tags: ["mailings"],
  access: "secretariat",
  responses: {
    200: { description: "The mailing", schema: mailingWithProgressSchema },
    404: { description: "No such mailing" },
  },
});

export const endpoints = [
  serve(getMailingEndpoint, async ({ state, actor, params }) =>
    getMailing(state.services.database.db, actor, params.id!),
  ),
];
