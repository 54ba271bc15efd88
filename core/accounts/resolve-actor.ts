import type { Actor } from "./actor.ts";
import { anonymous } from "./actor.ts";
import { authenticateApiToken } from "./api-tokens.ts";
import { carriesSessionCookie } from "./create-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { loadGrants } from "./load-grants.ts";
import { isTrue } from "./second-factor.ts";

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
  const user = session.user as typeof session.user & { twoFactorEnabled?: unknown };
  // What counts is whether *this session* passed the second factor, not whether the account has
  // one: a session of an enrolled account that did not pass it is no sign-in (second-factor.ts).
  const enrolled = isTrue(user.twoFactorEnabled);
  const passed = isTrue((session.session as { secondFactorVerified?: unknown }).secondFactorVerified);
  if (enrolled && !passed) return anonymous;
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    name: user.name,
    grants: await loadGrants(deps.db, user.id),
    twoFactorEnabled: enrolled && passed,
    sessionId: session.session.id,
  };
}
