import { readFile } from "node:fs/promises";
import type { Route } from "./+types/materials.$id.file";
import { openMaterial } from "#core/sharing/open-material.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { fileResponse, sharingDeps, streamResponse, viewerOf } from "./posts.web.server.ts";

/**
 * A talk material's file, decided per request. A video is always streamed inline with range
 * requests (206), never handed out as an attachment; a document is a download, or `?inline=1`
 * for the preview. The first request of each viewing is logged, not every range of a stream.
 */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const inline = new URL(request.url).searchParams.get("inline") === "1";
  try {
    const viewer = await viewerOf(state);
    const deps = sharingDeps(state);
    const range = request.headers.get("range");
    const firstRange = !range || /^bytes=0-/.test(range);
    // Peek at the kind without logging, then open with the right mode.
    const probe = await openMaterial(deps, state.actor, viewer, params.id, "view", { log: false, stamp: false });
    if (probe.kind === "video") {
      const file = await openMaterial(deps, state.actor, viewer, params.id, "view", { log: firstRange, stamp: false });
      return streamResponse(request, file);
    }
    const file = await openMaterial(deps, state.actor, viewer, params.id, inline ? "view" : "download", { log: true, stamp: true });
    const bytes = file.bytes ?? new Uint8Array(await readFile(file.path));
    return fileResponse({ bytes, contentType: file.contentType, fileName: file.fileName }, inline ? "inline" : "attachment");
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: error.status, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
