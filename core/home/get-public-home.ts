import { publicViewer } from "../sharing/decide-access.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { listUpcomingPublicEvents } from "../sharing/list-upcoming-public-events.ts";
import type { HomeDeps } from "./deps.ts";

export interface PublicHome {
  events: { id: string; title: string; startsAt: string; venueName: string | null; onlineTool: string | null }[];
  advisories: { id: string; title: string; summary: string; publishedAt: string | null }[];
}

/** What anyone may see on the home page: upcoming public seminars and TLP:CLEAR advisories. */
export async function getPublicHome(deps: Pick<HomeDeps, "db" | "clock">, limit = 5): Promise<PublicHome> {
  const [events, advisories] = await Promise.all([
    listUpcomingPublicEvents(deps.db, deps.clock.now(), limit),
    listPosts(deps.db, publicViewer, { kind: "advisory", tlp: "CLEAR", limit }),
  ]);
  return {
    events,
    advisories: advisories.items.map((p) => ({
      id: p.id,
      title: p.title,
      summary: p.summary,
      publishedAt: p.publishedAt,
    })),
  };
}
