import type { Actor } from "./actor.ts";
import { anonymous } from "./actor.ts";
import { authenticateApiToken } from "./api-tokens.ts";
import { carriesSessionCookie } from "./create-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { loadGrants } from "./load-grants.ts";

/**
 * Builds the Actor for one request: a bearer token if one is sent (an invalid one is an
 * error, never a silent fall back to the cookie), else the Better Auth session cookie.
 */
export async function resolveActor(deps: AccountsDeps, headers: Headers): Promise<Actor | "invalid-token"> {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match ? await authenticateApiToken(deps, match[1]!) : null;
    return actor ?? "invalid-token";
  }
  // Most anonymous traffic (public pages, API registrations) has no cookie: skip Better Auth's lookup.
  if (!carriesSessionCookie(headers.get("cookie"))) return anonymous;
  const session = await deps.auth.api.getSession({ headers });
  if (!session) return anonymous;
  const user = session.user as typeof session.user & { twoFactorEnabled?: boolean | null };
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: await loadGrants(deps.db, user.id),
    twoFactorEnabled: Boolean(user.twoFactorEnabled),
    sessionId: session.session.id,
  };
}
