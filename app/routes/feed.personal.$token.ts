import type { Route } from "./+types/feed.personal.$token";
import { buildAtomFeed } from "#core/sharing/build-atom-feed.ts";
import { viewerForFeedToken } from "#core/sharing/personal-feed.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { communityName } from "../lib/installation.server.ts";

/** A personal Atom feed: the secret token stands for its owner, whose rights are read afresh on every fetch. */
export async function loader({ context, params }: Route.LoaderArgs) {
  const { services } = stateOf(context);
  const base = services.env.baseUrl;
  try {
    const viewer = await viewerForFeedToken(services.database.db, params.token);
    const xml = await buildAtomFeed(services.database.db, viewer, {
      baseUrl: base,
      selfUrl: `${base}/feed/personal/${params.token}`,
      title: `${await communityName(services)} — ${viewer.name}`,
    });
    return new Response(xml, { headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" } });
  } catch (error) {
    if (isAppError(error)) return new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
    throw error;
  }
}
