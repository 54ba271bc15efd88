import { AsyncLocalStorage } from "node:async_hooks";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * The community an account mail is asked for from: its database (whose outbox, sender and name the
 * mail gets) and its address (where the mailed link leads, so that the session is made on the
 * community's own host name). Better Auth, which writes the link and calls our mail hook, does not
 * pass a caller's context through (a reset request's hook gets no headers when called from the
 * server), so the use case that calls it runs the call inside this scope and the hook reads it.
 * Only server-side calls set it: Better Auth's mail-sending endpoints are not reachable over HTTP
 * (public-auth-endpoints.ts), so no request can choose another community's scope.
 */
export interface AccountMailScope {
  db: Kysely<DB>;
  baseUrl: string;
}

const scope = new AsyncLocalStorage<AccountMailScope>();

/** Runs `call` (a Better Auth call that may mail) with the community it is for. */
export function withAccountMailScope<T>(community: AccountMailScope, call: () => Promise<T>): Promise<T> {
  return scope.run(community, call);
}

/** The community of the call in progress; undefined outside one (the hook then uses the first community). */
export function currentAccountMailScope(): AccountMailScope | undefined {
  return scope.getStore();
}

/** The mailed link with the origin of the community's address (the path and query stay Better Auth's). */
export function linkAtCommunity(link: string, communityBaseUrl: string): string {
  const url = new URL(link);
  const community = new URL(communityBaseUrl);
  url.protocol = community.protocol;
  url.host = community.host;
  return url.toString();
}
