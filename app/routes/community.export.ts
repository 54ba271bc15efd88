import { exportRegistry } from "#core/community/export-registry.ts";
import type { Route } from "./+types/community.export";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";
import { depsOf } from "./community.forms.server.ts";

/**
 * `/community/export?kind=organisations|people&format=csv|xlsx[&encoding=cp932]`: a download for the
 * secretariat, its headers and labels in the reader's language.
 */
export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const file = await orRespond(state, request, () =>
    exportRegistry(depsOf(state), actor, { ...Object.fromEntries(url.searchParams), locale: state.locale }),
  );
  return new Response(Buffer.from(file.bytes), {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
