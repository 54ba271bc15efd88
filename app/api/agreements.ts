import { z } from "zod";
import { createAgreement } from "#core/community/create-agreement.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { listAgreements, agreementListQuery, agreementSummary } from "#core/community/list-agreements.ts";
import { agreementInput } from "#core/community/agreement-input.ts";
import { agreementRecord } from "#core/community/agreement-record.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const listEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/agreements",
  summary: "Agreements: search by title, purpose or a party's name or reading",
  tags: ["community"],
  access: "secretariat",
  query: agreementListQuery,
  responses: {
    200: { description: "A page", schema: z.object({ items: z.array(agreementSummary), total: z.number().int() }) },
  },
});
const createEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/agreements",
  summary: "Record an agreement with its parties and their signatories' titles",
  tags: ["community"],
  access: "secretariat",
  body: agreementInput,
  responses: { 201: { description: "Created", schema: agreementRecord } },
});

export const endpoints = [
  serve(listEndpoint, ({ actor, state, query }) => listAgreements(communityDepsFrom(state.services), actor, query)),
  serve(createEndpoint, async ({ actor, state, body }) => {
    const record = await createAgreement(communityDepsFrom(state.services), actor, body);
    return created(record, `/api/v1/agreements/${record.id}`);
  }),
];
