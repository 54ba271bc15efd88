/**
 * Which community a request is for, decided at the door (ADR 035): the community whose
 * `communities.host` is the request's host name, else the first community. The answer is the
 * process's services for that community, whose database is scoped to it.
 */
import { type Community, listCommunities } from "../db/communities.ts";
import type { Services } from "./services.ts";

/** How long the list of host names is trusted before it is read again (a new community's host). */
const REFRESH_MS = 30_000;

export interface CommunityDoor {
  servicesFor(hostname: string | undefined): Promise<Services>;
}

export function communityDoor(services: Services, refreshMs = REFRESH_MS): CommunityDoor {
  let byHost = new Map<string, Community>();
  let loadedAt = Number.NEGATIVE_INFINITY;
  let loading: Promise<void> | null = null;
  const refresh = async () => {
    const communities = await listCommunities(services.database.root);
    byHost = new Map(communities.filter((c) => c.host).map((c) => [c.host!.toLowerCase(), c]));
    loadedAt = Date.now();
  };
  return {
    async servicesFor(hostname) {
      if (Date.now() - loadedAt > refreshMs) {
        loading ??= refresh().finally(() => {
          loading = null;
        });
        await loading;
      }
      const community = hostname ? byHost.get(hostname.toLowerCase()) : undefined;
      return community ? services.forCommunity(community) : services;
    },
  };
}
