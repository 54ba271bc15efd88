/**
 * A community reached by its path (`/c/<slug>/…`, ADR 035) is served with that prefix as React
 * Router's basename: links, forms and a loader's or an action's redirects (`redirect("/events")`)
 * get the prefix from React Router itself. What does not is a path we read from the request
 * (a `redirectTo`, a path compared with our own): it is taken inside the prefix here, so that
 * React Router adds it once.
 */
import { parseCommunityPath } from "#core/communities/community-address.ts";

/** A request path without its community prefix (`/c/saga/setup` → `/setup`). */
export function pathInsideCommunity(pathname: string): string {
  return parseCommunityPath(pathname)?.rest ?? pathname;
}
