import { z } from "zod";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { eraseConfirmation, erasePerson } from "#core/privacy/erase-person.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const erasureSchema = z
  .object({
    ref: z.string(),
    counts: z.record(z.string(), z.number()),
  })
  .meta({
    id: "PersonErasure",
    description: "The pseudonym the erased rows now carry, and how many rows of each kind were erased",
  });

const endpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/people/{id}/erase",
  summary:
    "Erase a person: delete the record and account, pseudonymise what feeds the counts (confirm with the export's `ref`)",
  tags: ["privacy"],
  access: "secretariat",
  body: eraseConfirmation,
  responses: { 200: { description: "Erased", schema: erasureSchema }, 404: { description: "Not found" } },
});

export const endpoints = [
  serve(endpoint, ({ actor, state, params, body }) =>
    erasePerson(privacyDepsFrom(state.services), actor, params.id!, body),
  ),
];
