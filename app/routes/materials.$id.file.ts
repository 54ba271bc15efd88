import type { Route } from "./+types/materials.$id.file";
import { openMaterialFile } from "#core/sharing/open-material.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { fileRefusal } from "./materials.file.server.ts";
import { fileResponse, streamResponse, viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

/**
 * A talk material's file, decided per request. A video is streamed inline with range requests
 * (206), never handed out as an attachment; a document is a stamped download where the speaker
 * allowed it, and 403 "view only" otherwise — with or without `?inline=1`: a view-only document is
 * seen as page images (/materials/:id/pages), its file never leaves the server. The first request
 * of each viewing is logged, not every range of a stream.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  try {
    const range = request.headers.get("range");
    const firstRange = !range || /^bytes=0-/.test(range);
    const file = await openMaterialFile(
      sharingDepsFrom(state.services),
      state.actor,
      await viewerOf(state),
      params.id,
      {
        log: firstRange,
      },
    );
    return file.kind === "stream" ? await streamResponse(request, file) : fileResponse(file, "attachment");
  } catch (error) {
    if (isAppError(error)) return fileRefusal(state, error);
    throw error;
  }
}
