import type { Route } from "./+types/posts.stix[.json]";
import { exportStixBundle } from "#core/sharing/export-stix.ts";
import { stateOf } from "../context.ts";
import { communityName } from "../lib/installation.server.ts";
import { sharedOf, viewerOf } from "./posts.web.server.ts";

/** The advisories the caller may see, as a STIX 2.1 bundle with TLP 2.0 markings. */
export async function loader({ context }: Route.LoaderArgs) {
  const state = stateOf(context);
  const { services } = state;
  const bundle = await exportStixBundle(services.database.db, await viewerOf(state), {
    baseUrl: services.env.baseUrl,
    communityName: await communityName(services),
    now: services.clock.now(),
    shared: sharedOf(state),
  });
  return new Response(JSON.stringify(bundle, null, 2), {
    headers: {
      "Content-Type": "application/stix+json; version=2.1; charset=utf-8",
      "Content-Disposition": 'attachment; filename="chiiki-advisories.stix.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
