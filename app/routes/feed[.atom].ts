import type { Route } from "./+types/feed[.atom]";
import { buildAtomFeed } from "#core/sharing/build-atom-feed.ts";
import { publicViewer } from "#core/sharing/decide-access.ts";
import { stateOf } from "../context.ts";
import { communityName } from "../lib/installation.server.ts";
import { sharedOf } from "./posts.web.server.ts";

/** The public Atom feed: CLEAR posts only, whoever asks (the public viewer, not the caller's session). */
export async function loader({ context }: Route.LoaderArgs) {
  const state = stateOf(context);
  const { services } = state;
  const base = services.env.baseUrl;
  const xml = await buildAtomFeed(services.database.db, publicViewer, {
    baseUrl: base,
    selfUrl: `${base}/feed.atom`,
    title: await communityName(services),
    shared: sharedOf(state),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
