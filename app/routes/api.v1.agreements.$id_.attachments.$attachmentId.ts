import { communityDepsFrom } from "#core/community/deps.ts";
import { readAgreementAttachment } from "#core/community/read-agreement-attachment.ts";
import { isAppError } from "#core/shared/errors.ts";
import type { Route } from "./+types/api.v1.agreements.$id_.attachments.$attachmentId";
import { defineEndpoint } from "../lib/api-spec.ts";
import { problemFromError } from "../lib/api.server.ts";
import { stateOf } from "../context.ts";

// Declared for /api/openapi.json; the loader below serves it.
defineEndpoint({
  method: "GET",
  path: "/api/v1/agreements/{id}/attachments/{attachmentId}",
  summary: "Download an agreement's document (authorised and logged on every request)",
  tags: ["community"],
  access: "secretariat",
  responses: { 200: { description: "The file, with the type sniffed at upload" }, 404: { description: "Not found" } },
});

/** Answers with the file itself, so it does not go through handleApi's JSON responses. */
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  try {
    const file = await readAgreementAttachment(
      communityDepsFrom(state.services),
      state.actor,
      params.id,
      params.attachmentId,
    );
    return new Response(file.bytes, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (isAppError(error)) return problemFromError(request, error);
    throw error;
  }
}
