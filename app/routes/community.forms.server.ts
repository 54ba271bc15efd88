/** The registry's use cases' deps for the pages (forms are read by app/lib/form.server.ts). */
import { communityDepsFrom, type CommunityDeps } from "#core/community/deps.ts";
import type { RequestState } from "../context.ts";

export function depsOf(state: RequestState): CommunityDeps {
  return communityDepsFrom(state.services);
}
