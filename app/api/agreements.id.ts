import { deleteAgreement } from "#core/community/delete-agreement.ts";
import { getAgreement } from "#core/community/get-agreement.ts";
import { agreementPatch } from "#core/community/agreement-input.ts";
import { agreementRecord } from "#core/community/agreement-record.ts";
import { updateAgreement } from "#core/community/update-agreement.ts";
import { recordEndpoints } from "./registry-endpoints.ts";

export const endpoints = recordEndpoints({
  path: "/api/v1/agreements/{id}",
  access: { get: "secretariat", patch: "secretariat", delete: "secretariat" },
  record: agreementRecord,
  the: "The agreement",
  summaries: {
    get: "One agreement with parties, attachments and history",
    patch: "Change an agreement (a parties list given replaces the parties); the change is kept in its history",
    delete: "Remove an agreement with its attachments",
  },
  patch: agreementPatch,
  get: getAgreement,
  update: updateAgreement,
  remove: deleteAgreement,
});
