import { z } from "zod";
import type { Route } from "./+types/api.v1.mailings.$id.recipients";
import { listMailingRecipients, listRecipientsQuerySchema } from "#core/mailings/list-mailing-recipients.ts";
import { recipientStatusSchema } from "#core/mailings/mailing-schema.ts";
import { defineEndpoint } from "../lib/api-spec.ts";
import { handleApi } from "../lib/api.server.ts";

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

export const loader = (args: Route.LoaderArgs) =>
  handleApi(args, listRecipientsEndpoint, async ({ state, actor, params, query }) =>
    listMailingRecipients(state.services.database.db, actor, params.id!, query),
  );
