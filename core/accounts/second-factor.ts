import type { BetterAuthPlugin } from "better-auth";
import { createAuthMiddleware } from "better-auth/api";
import { deleteSessionCookie } from "better-auth/cookies";
import { generateRandomString } from "better-auth/crypto";

/**
 * "Where an account has a second factor, every way in asks for it" (issue 13, items 1–2).
 *
 * Better Auth's two-factor plugin only challenges its password sign-ins; a magic link made a full
 * session for an account with TOTP. Two things close that:
 *
 * 1. Every session records whether it passed the second factor (`session.secondFactorVerified`,
 *    set by {@link passedSecondFactor} when the session is created). `resolveActor` treats a
 *    session of an enrolled account that did not pass it as no session at all, and the
 *    secretariat's powers need a session that did (never merely "the account has TOTP").
 * 2. {@link secondFactorOnEveryWayIn} turns the session a magic link made for an enrolled account
 *    into the same challenge a password sign-in gets: the session is deleted, the two-factor
 *    cookie set, and the browser sent to /sign-in/two-factor, where the code (with Better Auth's
 *    attempt limits and account lockout) creates the real session.
 */

/** The endpoints whose sessions are created because a code was checked. */
const SECOND_FACTOR_PATHS = new Set(["/two-factor/verify-totp", "/two-factor/verify-backup-code"]);
/** Better Auth's own names (plugins/two-factor/constant.mjs), kept equal so its verify endpoints find the challenge. */
const TWO_FACTOR_COOKIE = "two_factor";
const CHALLENGE_SECONDS = 10 * 60;

interface EndpointContextLike {
  path?: string;
  context?: { session?: { session?: Record<string, unknown> | null } | null };
}

/**
 * Whether a session being created for `userId` passed the second factor: created by a code check
 * (sign-in or enrolment), or replacing a session of the same account that had (a password change
 * makes a new session).
 */
export function passedSecondFactor(ctx: EndpointContextLike | null | undefined, userId: string): boolean {
  if (!ctx) return false;
  if (ctx.path && SECOND_FACTOR_PATHS.has(ctx.path)) return true;
  const current = ctx.context?.session?.session;
  return Boolean(current && current.userId === userId && isTrue(current.secondFactorVerified));
}

/** Better Auth hands booleans back as booleans (PostgreSQL) or 0/1 (SQLite). */
export function isTrue(value: unknown): boolean {
  return value === true || value === 1 || value === "1";
}

/** The path to send a browser to once it has passed the challenge (only same-site paths). */
function afterChallenge(callbackURL: unknown, baseURL: string): string {
  if (typeof callbackURL !== "string" || !callbackURL) return "/";
  try {
    const url = new URL(callbackURL, baseURL);
    return url.origin === new URL(baseURL).origin ? url.pathname + url.search : "/";
  } catch {
    return "/";
  }
}

export function secondFactorOnEveryWayIn(): BetterAuthPlugin {
  return {
    id: "chiiki-second-factor",
    hooks: {
      after: [
        {
          matcher: (ctx) => ctx.path === "/magic-link/verify",
          handler: createAuthMiddleware(async (ctx) => {
            const created = ctx.context.newSession;
            if (!created || !isTrue((created.user as { twoFactorEnabled?: unknown }).twoFactorEnabled)) return;
            // As the two-factor plugin does after a password: no session until the code.
            deleteSessionCookie(ctx, true);
            await ctx.context.internalAdapter.deleteSession(created.session.token);
            ctx.context.setNewSession(null);
            const cookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE, { maxAge: CHALLENGE_SECONDS });
            const identifier = `2fa-${generateRandomString(20)}`;
            const expiresAt = new Date(Date.now() + CHALLENGE_SECONDS * 1000);
            const adapter = ctx.context.internalAdapter;
            await adapter.createVerificationValue({ value: created.user.id, identifier, expiresAt });
            await adapter.createVerificationValue({ value: "0", identifier: `2fa-attempts-${identifier}`, expiresAt });
            await ctx.setSignedCookie(cookie.name, identifier, ctx.context.secret, cookie.attributes);
            const next = afterChallenge(ctx.query?.callbackURL, ctx.context.baseURL);
            throw ctx.redirect(`/sign-in/two-factor?redirectTo=${encodeURIComponent(next)}`);
          }),
        },
      ],
    },
  };
}
