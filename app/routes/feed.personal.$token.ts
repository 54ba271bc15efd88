import type { Route } from "./+types/feed.personal.$token";
import { buildAtomFeed } from "#core/sharing/build-atom-feed.ts";
import { viewerForFeedToken } from "#core/sharing/personal-feed.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { communityName } from "../lib/installation.server.ts";
import { sharedOf } from "./posts.web.server.ts";

/**
 * A personal Atom feed: the secret token stands for its owner, whose rights are read afresh on every
 * fetch. A forged, rotated or revoked token answers 404, an expired one 410 (a reader may stop
 * polling a URL that is gone), with no body either way.
 */
export async function loader({ context, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const { services } = state;
  const base = services.env.baseUrl;
  try {
    const viewer = await viewerForFeedToken(services.database.db, services.clock, params.token);
    const xml = await buildAtomFeed(services.database.db, viewer, {
      baseUrl: base,
      selfUrl: `${base}/feed/personal/${params.token}`,
      title: `${await communityName(services)} — ${viewer.name}`,
      locale: viewer.locale,
      shared: sharedOf(state),
    });
    return new Response(xml, {
      headers: {
        "Content-Type": "application/atom+xml; charset=utf-8",
        "Cache-Control": "private, no-store",
        "Referrer-Policy": "no-referrer",
      },
    });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return new Response(null, { status: error.status, headers: { "Cache-Control": "no-store" } });
  }
}
