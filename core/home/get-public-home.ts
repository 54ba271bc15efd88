import { publicViewer } from "../sharing/decide-access.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { listUpcomingPublicEvents } from "../sharing/list-upcoming-public-events.ts";
import type { SharedOrigin } from "../sharing/shared-from-communities.ts";
import type { HomeDeps } from "./deps.ts";

export interface PublicHome {
  events: { id: string; title: string; startsAt: string; venueName: string | null; onlineTool: string | null }[];
  advisories: {
    id: string;
    title: string;
    summary: string;
    publishedAt: string | null;
    sharedBy: SharedOrigin | null;
  }[];
}

/**
 * What anyone may see on the home page: upcoming public seminars and TLP:CLEAR advisories, those
 * other communities shared with this one among them.
 */
export async function getPublicHome(deps: Pick<HomeDeps, "db" | "clock" | "shared">, limit = 5): Promise<PublicHome> {
  const [events, advisories] = await Promise.all([
    listUpcomingPublicEvents(deps.db, deps.clock.now(), limit),
    listPosts(deps.db, publicViewer, { kind: "advisory", tlp: "CLEAR", limit }, { shared: deps.shared }),
  ]);
  return {
    events,
    advisories: advisories.items.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary,
      publishedAt: p.publishedAt,
      sharedBy: p.sharedBy,
    })),
  };
}
