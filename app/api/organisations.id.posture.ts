import { z } from "zod";
import { getOrganisationPosture } from "#core/community/get-organisation-posture.ts";
import { postureInputSchema, recordPosture } from "#core/community/record-posture.ts";
import { defineEndpoint, serve } from "./endpoint.ts";
import { communityDepsFrom } from "#core/community/deps.ts";

const recordSchema = z.object({
  id: z.string(),
  kind: z.string(),
  level: z.string(),
  reference: z.string().nullable(),
  since: z.string().nullable(),
  validUntil: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
const postureSchema = z
  .object({
    organisationId: z.string(),
    current: z.record(z.string(), z.object({ record: recordSchema, held: z.boolean() }).nullable()),
    history: z.array(recordSchema),
  })
  .meta({ id: "OrganisationPosture" });

const getPosture = defineEndpoint({
  method: "GET",
  path: "/api/v1/organisations/{id}/posture",
  summary:
    "An organisation's security posture (SECURITY ACTION, SCS評価制度, お助け隊, cyber insurance): what holds today and the history; the secretariat's and the organisation's own contacts' only",
  tags: ["community"],
  access: "signed-in",
  responses: {
    200: { description: "Posture", schema: postureSchema },
    403: { description: "Another organisation's posture" },
    404: { description: "No such organisation" },
  },
});

const postPosture = defineEndpoint({
  method: "POST",
  path: "/api/v1/organisations/{id}/posture",
  summary:
    "Record one fact of the posture (a new history row): kind security-action (one-star, two-star), scs (star-3, star-4, with validUntil), otasuketai or cyber-insurance (yes); level none ends it",
  tags: ["community"],
  access: "signed-in",
  body: postureInputSchema,
  responses: {
    200: { description: "Recorded; the posture as it now stands", schema: postureSchema },
    403: { description: "Another organisation's posture" },
    422: { description: "A level the kind does not have, dates out of order, an SCS mark without expiry" },
  },
});

export const endpoints = [
  serve(getPosture, async ({ actor, state, params }) =>
    getOrganisationPosture(communityDepsFrom(state.services), actor, params.id!),
  ),
  serve(postPosture, async ({ actor, state, body, params }) =>
    recordPosture(communityDepsFrom(state.services), actor, params.id!, body),
  ),
];
