import { z } from "zod";
import { createPerson } from "#core/community/create-person.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listPeople, personListQuery } from "#core/community/list-people.ts";
import { personInput } from "#core/community/person-input.ts";
import { personRecord } from "#core/community/person-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/people",
  summary:
    "People: the secretariat sees everyone, a member contact the people of their own organisation; search by name, reading or e-mail",
  tags: ["community"],
  access: "signed-in",
  query: personListQuery,
  responses: {
    200: { description: "A page", schema: z.object({ items: z.array(personRecord), total: z.number().int() }) },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/people",
  summary: "Add a person (a member contact: to their own organisation only)",
  tags: ["community"],
  access: "signed-in",
  body: personInput,
  responses: { 201: { description: "Created", schema: personRecord } },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listPeople(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const record = await createPerson(communityDepsFrom(state.services), actor, body);
    return created(record, `/api/v1/people/${record.id}`);
  }),
];
