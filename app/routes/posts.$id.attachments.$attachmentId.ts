import type { Route } from "./+types/posts.$id.attachments.$attachmentId";
import { openPostAttachment } from "#core/sharing/open-post-attachment.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { fileRefusal } from "./materials.file.server.ts";
import { fileResponse, viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

/**
 * One attachment, decided per request and logged: `?inline=1` for the browser's preview
 * (framed by our preview page), otherwise a download. Refusals are 404: existence is not revealed.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  try {
    const file = await openPostAttachment(
      sharingDepsFrom(state.services),
      state.actor,
      await viewerOf(state),
      { postId: params.id, attachmentId: params.attachmentId },
      inline ? "view" : "download",
    );
    return fileResponse(file, inline ? "inline" : "attachment");
  } catch (error) {
    if (isAppError(error)) return fileRefusal(state, error);
    throw error;
  }
}
