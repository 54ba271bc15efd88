import { addAgreementAttachment } from "#core/community/add-agreement-attachment.ts";
import { agreementRecord } from "#core/community/agreement-record.ts";
import { communityDepsFrom } from "#core/community/deps.ts";
import { AppError } from "#core/shared/errors.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const uploadEndpoint = defineEndpoint({
  method: "POST",
  path: "/api/v1/agreements/{id}/attachments",
  summary:
    "Attach the signed document (multipart/form-data, field `file`; PDF, PNG, JPEG or DOCX, decided from the bytes; at most 20 MB)",
  tags: ["community"],
  access: "secretariat",
  responses: {
    201: { description: "The agreement with its attachments", schema: agreementRecord },
    422: { description: "No file, or not an allowed type" },
  },
});

export const endpoints = [
  serve(uploadEndpoint, async ({ actor, state, params, request }) => {
    const file = (await request.formData().catch(() => null))?.get("file");
    if (!(file instanceof File))
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    const agreement = await addAgreementAttachment(communityDepsFrom(state.services), actor, params.id!, {
      fileName: file.name,
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return created(agreement, `/api/v1/agreements/${agreement.id}`);
  }),
];
