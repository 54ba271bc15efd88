import { z } from "zod";
import { createMailing } from "#core/mailings/create-mailing.ts";
import { listMailings, listMailingsQuerySchema } from "#core/mailings/list-mailings.ts";
import { mailingInputSchema } from "#core/mailings/mailing-input.ts";
import { mailingSchema } from "#core/mailings/mailing-schema.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

const listMailingsEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/mailings",
  summary: "Mailings (announcements), newest first (limit/offset, optional status)",
  tags: ["mailings"],
  access: "secretariat",
  query: listMailingsQuerySchema,
  responses: {
    200: {
      description: "A page of mailings",
      schema: z.object({ items: z.array(mailingSchema), total: z.number().int() }),
    },
  },
});

const createMailingEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/mailings",
  summary:
    "Write a mailing as a draft: subject and body with merge fields {name} {organisation}, an audience resolved when it is sent, optionally a published post to carry and a planned send time",
  tags: ["mailings"],
  access: "secretariat",
  body: mailingInputSchema,
  responses: {
    201: { description: "The draft", schema: z.object({ id: z.string() }) },
    422: {
      description:
        "Invalid fields, an unknown group/event/survey/person in the audience, or a post that is not published",
    },
  },
});

export const endpoints = [
  serve(listMailingsEndpoint, async ({ state, actor, query }) =>
    listMailings(state.services.database.db, actor, query),
  ),
  serve(createMailingEndpoint, async ({ state, actor, body }) => {
    const { id } = await createMailing(sharingDepsFrom(state.services), actor, body);
    return created({ id }, `/api/v1/mailings/${id}`);
  }),
];
