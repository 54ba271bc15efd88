import type { Actor } from "../accounts/actor.ts";
import { listEvents } from "../events/list-events.ts";
import { listMyRegistrations, type MyRegistration } from "../events/list-my-registrations.ts";
import { listPosts } from "../sharing/list-posts.ts";
import { loadViewer } from "../sharing/load-viewer.ts";
import type { SharedOrigin } from "../sharing/shared-from-communities.ts";
import { listMyOpenSurveys, type MyOpenSurvey } from "../surveys/list-my-open-surveys.ts";
import type { HomeDeps } from "./deps.ts";

/** How far back a post counts as new on a member's home page. */
export const NEW_POST_DAYS = 30;

export interface MemberHome {
  openEvents: { id: string; title: string; startsAt: string; registered: boolean }[];
  registrations: MyRegistration[];
  newPosts: {
    id: string;
    title: string;
    tlp: string;
    kind: string;
    publishedAt: string | null;
    /** The community that shared it with this one; null for the community's own. */
    sharedBy: SharedOrigin | null;
  }[];
  surveys: MyOpenSurvey[];
}

/**
 * A member's home page: seminars open for registration (marked when already registered), their
 * registrations and tickets, posts published for them in the last 30 days (those other communities
 * shared with this one among them, decided by TLP as here), and the surveys they
 * were invited to and have not answered. Each part is the owning capability's own function.
 */
export async function getMemberHome(deps: HomeDeps, actor: Actor, limit = 5): Promise<MemberHome> {
  const now = deps.clock.now();
  const viewer = await loadViewer(deps.db, actor);
  const [events, registrations, posts, surveys] = await Promise.all([
    listEvents(deps.db, actor, now),
    listMyRegistrations(deps.db, actor, now),
    listPosts(deps.db, viewer, { limit: 200 }, { publishedOnly: true, shared: deps.shared }),
    listMyOpenSurveys(deps, actor),
  ]);
  const since = new Date(now.getTime() - NEW_POST_DAYS * 86_400_000).toISOString();
  const registered = new Set(registrations.map((r) => r.eventId));
  return {
    openEvents: events.upcoming
      .filter((e) => e.registrationOpen)
      .slice(0, limit)
      .map((e) => ({ id: e.id, title: e.title, startsAt: e.startsAt, registered: registered.has(e.id) })),
    registrations,
    newPosts: posts.items
      .filter((p) => (p.publishedAt ?? p.createdAt) >= since)
      .slice(0, limit)
      .map((p) => ({
        id: p.id,
        title: p.title,
        tlp: p.tlp,
        kind: p.kind,
        publishedAt: p.publishedAt,
        sharedBy: p.sharedBy,
      })),
    surveys,
  };
}
