import { communityDepsFrom } from "#core/community/deps.ts";
import { readAgreementAttachment } from "#core/community/read-agreement-attachment.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const downloadEndpoint = defineEndpoint({
  method: "GET",
  path: "/api/v1/agreements/{id}/attachments/{attachmentId}",
  summary: "Download an agreement's document (authorised and logged on every request)",
  tags: ["community"],
  access: "secretariat",
  responses: { 200: { description: "The file, with the type sniffed at upload" }, 404: { description: "Not found" } },
});

export const endpoints = [
  // Answers with the file itself, not JSON.
  serve(downloadEndpoint, async ({ actor, state, params }) => {
    const file = await readAgreementAttachment(
      communityDepsFrom(state.services),
      actor,
      params.id!,
      params.attachmentId!,
    );
    return new Response(file.bytes, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  }),
];
