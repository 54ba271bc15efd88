import { z } from "zod";
import {
  consentInputSchema,
  getConsentRequest,
  recordMaterialConsent,
  withdrawMaterialConsent,
} from "#core/sharing/material-consent.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const requestSchema = z
  .object({
    material: z.record(z.string(), z.unknown()).meta({ description: "The material and the consent in force" }),
    medium: z.string().meta({ description: "slides or recording" }),
    rightsNeeded: z.array(z.string()).meta({ description: "copyright, portrait: what showing it needs" }),
    groups: z.array(z.object({ id: z.string(), name: z.string() })),
  })
  .meta({ id: "ConsentRequest" });

const getEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/materials/consent/{token}",
  summary:
    "What the speaker's link shows: the material, the medium and the rights it needs (copyright for slides, copyright and portrait for a recording), and the consent in force",
  tags: ["sharing"],
  access: "public",
  responses: { 200: { description: "The request", schema: requestSchema }, 404: { description: "Unknown link" } },
});

const putEndpoint = defineEndpoint({
  method: "PUT",
  path: "/api/v1/materials/consent/{token}",
  summary:
    "The speaker grants (or changes) their consent: rights (copyright, portrait), audience (scope members, group with groupId, public) and downloadAllowed; logged, in force at once",
  tags: ["sharing"],
  access: "public",
  body: consentInputSchema,
  responses: {
    200: { description: "Recorded", schema: z.object({ ok: z.literal(true) }) },
    404: { description: "Unknown link" },
    422: { description: "An unknown right or scope, or a group scope without its group" },
  },
});

const deleteEndpoint = defineEndpoint({
  method: "DELETE",
  path: "/api/v1/materials/consent/{token}",
  summary:
    "The speaker withdraws their consent: at once the material is with the organisers and the speaker only (pages, files, page images); logged",
  tags: ["sharing"],
  access: "public",
  responses: { 200: { description: "Withdrawn", schema: z.object({ ok: z.literal(true) }) } },
});

export const endpoints = [
  serve(getEndpoint, ({ state, params }) => getConsentRequest(state.services.database.db, params.token!)),
  serve(deleteEndpoint, async ({ state, params }) => {
    await withdrawMaterialConsent(sharingDepsFrom(state.services), params.token!);
    return { ok: true as const };
  }),
  serve(putEndpoint, async ({ state, params, body }) => {
    await recordMaterialConsent(sharingDepsFrom(state.services), params.token!, body);
    return { ok: true as const };
  }),
];
