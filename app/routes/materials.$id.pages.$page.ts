import type { Route } from "./+types/materials.$id.pages.$page";
import { renderMaterialPage } from "#core/sharing/view-material-pages.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { fileRefusal } from "./materials.file.server.ts";
import { viewerOf } from "./posts.web.server.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

/**
 * One page of a document material as a PNG stamped for the viewer (how view-only material is
 * seen). Decided per request; stamped per person, so never kept by any cache.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  try {
    const number = /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : 0;
    const png = await renderMaterialPage(
      sharingDepsFrom(state.services),
      state.actor,
      await viewerOf(state),
      params.id,
      number,
    );
    return new Response(new Uint8Array(png), {
      headers: {
        "Content-Type": "image/png",
        "Content-Length": String(png.byteLength),
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        // Shown in our own page only; never framed elsewhere.
        "Content-Security-Policy": "default-src 'none'; frame-ancestors 'self'",
      },
    });
  } catch (error) {
    if (isAppError(error)) return fileRefusal(state, error);
    throw error;
  }
}
