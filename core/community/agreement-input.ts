import { z } from "zod";
import { agreementStatuses } from "./codes.ts";
import { optionalDate, optionalText, requiredText } from "./fields.ts";
import { patchColumns } from "./patch-columns.ts";

const partyInput = z.object({ organisationId: z.string().min(1).max(40), signatoryTitle: optionalText(200) });

const agreementFields = z.object({
  title: requiredText(300),
  purpose: optionalText(4000),
  signedOn: optionalDate(),
  status: z.enum(agreementStatuses).optional(),
  endedOn: optionalDate(),
  notes: optionalText(4000),
  parties: z.array(partyInput).max(100).optional(),
});
/** An agreement ends on or after the day it was signed (checked when both are given). */
const endsAfterSigning = (a: { signedOn?: string | null; endedOn?: string | null }, ctx: z.RefinementCtx) => {
  if (a.signedOn && a.endedOn && a.endedOn < a.signedOn) {
    ctx.addIssue({ code: "custom", path: ["endedOn"], message: "field.community-ends-before-start" });
  }
};
export const agreementInput = agreementFields.superRefine(endsAfterSigning).meta({ id: "AgreementInput" });
export const agreementPatch = agreementFields.partial().superRefine(endsAfterSigning).meta({ id: "AgreementPatch" });
export type AgreementPatch = z.infer<typeof agreementPatch>;

export function agreementColumns(input: AgreementPatch): Record<string, unknown> {
  return patchColumns(input, {
    title: "title",
    purpose: "purpose",
    signedOn: "signed_on",
    status: "status",
    endedOn: "ended_on",
    notes: "notes",
  });
}

export function partyRows(input: AgreementPatch) {
  return input.parties?.map((p) => ({ organisation_id: p.organisationId, signatory_title: p.signatoryTitle ?? null }));
}
