import { z } from "zod";
import { listMailingRecipients, listRecipientsQuerySchema } from "#core/mailings/list-mailing-recipients.ts";
import { recipientStatusSchema } from "#core/mailings/mailing-schema.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const listRecipientsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/mailings/{id}/recipients",
  summary: "Each recipient's status (limit/offset); empty until sending starts, when the audience is resolved",
  tags: ["mailings"],
  access: "secretariat",
  query: listRecipientsQuerySchema,
  responses: {
    200: {
      description: "A page of recipients",
      schema: z.object({ items: z.array(recipientStatusSchema), total: z.number().int() }),
    },
    404: { description: "No such mailing" },
  },
});

export const endpoints = [
  serve(listRecipientsEndpoint, async ({ state, actor, params, query }) =>
    listMailingRecipients(state.services.database.db, actor, params.id!, query),
  ),
];
