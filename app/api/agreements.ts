import { createAgreement } from "#core/community/create-agreement.ts";
import { listAgreements, agreementListQuery, agreementSummary } from "#core/community/list-agreements.ts";
import { agreementInput } from "#core/community/agreement-input.ts";
import { agreementRecord } from "#core/community/agreement-record.ts";
import { collectionEndpoints } from "./registry-endpoints.ts";

export const endpoints = collectionEndpoints({
  path: "/api/v1/agreements",
  list: {
    summary: "Agreements: search by title, purpose or a party's name or reading",
    access: "secretariat",
    query: agreementListQuery,
    item: agreementSummary,
    run: listAgreements,
  },
  create: {
    summary: "Record an agreement with its parties and their signatories' titles",
    access: "secretariat",
    body: agreementInput,
    record: agreementRecord,
    run: createAgreement,
  },
});
