/**
 * Which community a request is for, decided at the door (ADR 035): the community a path under
 * `/c/<slug>/` names, else the community whose `communities.host` is the request's host name,
 * else the first community. The answer is the process's services for that community (whose
 * database is scoped to it) and the path prefix its pages are served under.
 */
import { communityPathPrefix, parseCommunityPath } from "../core/communities/community-address.ts";
import { type Community, listCommunities } from "../db/communities.ts";
import type { Services } from "./services.ts";

/** How long the list of communities is trusted before it is read again (a new community). */
const REFRESH_MS = 30_000;
/** A slug not in the list is looked for again at most this often (one created a moment ago). */
const MISS_REFRESH_MS = 2_000;

export interface DoorAnswer {
  services: Services;
  /** `/c/<slug>` for a community reached by its path, "" otherwise (React Router's basename). */
  basePath: string;
}

export interface CommunityDoor {
  /** The community for this host and path; null for a `/c/<slug>` that names none. */
  open(hostname: string | undefined, pathname: string): Promise<DoorAnswer | null>;
  /** The same, by host name only (what a path outside `/c/` gets). */
  servicesFor(hostname: string | undefined): Promise<Services>;
}

export function communityDoor(services: Services, refreshMs = REFRESH_MS): CommunityDoor {
  let byHost = new Map<string, Community>();
  let bySlug = new Map<string, Community>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const refresh = () =>
    (loading ??= listCommunities(services.database.root)
      .then((communities) => {
        byHost = new Map(communities.filter((c) => c.host).map((c) => [c.host!.toLowerCase(), c]));
        bySlug = new Map(communities.map((c) => [c.slug, c]));
        loadedAt = Date.now();
      })
      .finally(() => {
        loading = null;
      }));
  const servicesFor = async (hostname: string | undefined) => {
    if (Date.now() - loadedAt > refreshMs) await refresh();
    const community = hostname ? byHost.get(hostname.toLowerCase()) : undefined;
    return community ? services.forCommunity(community) : services;
  };
  return {
    servicesFor,
    async open(hostname, pathname) {
      const named = parseCommunityPath(pathname);
      if (!named) return { services: await servicesFor(hostname), basePath: "" };
      if (Date.now() - loadedAt > refreshMs) await refresh();
      if (!bySlug.has(named.slug) && Date.now() - loadedAt > MISS_REFRESH_MS) await refresh();
      const community = bySlug.get(named.slug);
      if (!community) return null;
      return { services: services.forCommunity(community), basePath: communityPathPrefix(community.slug) };
    },
  };
}
