import { betterAuth } from "better-auth";
import { APIError } from "better-auth/api";
import { magicLink, twoFactor } from "better-auth/plugins";
import type { Kysely } from "kysely";
import type { DialectName } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { AuditAction } from "../audit/audit-actions.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { getCommunityName } from "./get-community-name.ts";
import { currentAccountMailScope, linkAtCommunity } from "./account-mail-scope.ts";
import { renderAccountMail } from "./account-mail.ts";
import { loadGrants } from "./load-grants.ts";
import { isAcceptableAccountName } from "./account-name.ts";
import { limitAccountMail } from "./limit-account-mail.ts";
import { passedSecondFactor, secondFactorOnEveryWayIn } from "./second-factor.ts";

const COOKIE_PREFIX = "chiiki";
const SESSION_COOKIE = new RegExp(`(?:^|;\\s*)(?:__Secure-)?${COOKIE_PREFIX}\\.session_token=`);

/** Whether a Cookie header carries a session token at all; without one there is no session to look up. */
export function carriesSessionCookie(cookieHeader: string | null | undefined): boolean {
  return SESSION_COOKIE.test(cookieHeader ?? "");
}

export interface AuthDependencies {
  db: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  secret: string;
  baseUrl: string;
  secureCookies: boolean;
  rateLimits: boolean;
  /** Called after a mail was queued, so the outbox worker can send it without waiting. */
  onMailQueued?: () => void;
  /**
   * The origins besides `baseUrl` that links may lead back to: the communities with their own host
   * name (a mailed link for one comes back to it). Asked again on each check, so a community given
   * a host name since the process started is trusted at once.
   */
  communityOrigins?: () => Promise<string[]>;
}

export const MAGIC_LINK_MINUTES = 15;
export const PASSWORD_MIN_LENGTH = 12;

/**
 * A backstop under the HTTP allow-list (public-auth-endpoints.ts): whatever path reaches Better
 * Auth's user writes, a name obeys the same rule as every other input, and no picture URL is kept
 * (the product shows none; `javascript:` there was accepted before).
 */
function guardUserFields<T extends Record<string, unknown>>(data: T): { data: T } {
  if ("name" in data && (typeof data.name !== "string" || !isAcceptableAccountName(data.name.trim()))) {
    throw new APIError("BAD_REQUEST", { message: "invalid name", code: "INVALID_NAME" });
  }
  return { data: "image" in data ? { ...data, image: null } : data };
}

/**
 * Better Auth owns identities, passwords, sessions, magic links and TOTP. Roles are ours
 * (role_grants), so that they can be scoped to organisations, groups and events of the domain.
 * Every mail it wants to send goes through the durable outbox.
 */
export function createAuth(deps: AuthDependencies) {
  const { db, clock } = deps;
  const domain = new URL(deps.baseUrl).hostname;

  /**
   * Queues an account mail in the outbox of the community it was asked from (account-mail-scope.ts),
   * in its name and from its sender, the link at its address; outside such a call, the first
   * community's.
   */
  async function queue(to: string, template: Parameters<typeof renderAccountMail>[0], link: string) {
    // Whichever path asked (a page, an HTTP call, a future endpoint): a bounded number per address.
    if (!(await limitAccountMail(deps, to))) return;
    const community = currentAccountMailScope() ?? { db, baseUrl: deps.baseUrl };
    const user = await db.selectFrom("user").select(["name", "locale"]).where("email", "=", to).executeTakeFirst();
    const mail = renderAccountMail(template, {
      url: linkAtCommunity(link, community.baseUrl),
      name: user?.name ?? "",
      locale: user?.locale === "en" ? "en" : "ja",
      minutes: MAGIC_LINK_MINUTES,
      community: await getCommunityName({ db: community.db }),
    });
    await enqueueMail(community.db, clock, { to, ...mail }, domain);
    deps.onMailQueued?.();
  }

  /** Security events happen inside Better Auth; they go to the audit log like any change. */
  async function auditUser(userId: string, action: AuditAction, after?: Record<string, unknown>) {
    const user = await db
      .selectFrom("user")
      .select(["id", "name", "email"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) return;
    await recordAuditEvent(
      db,
      clock,
      {
        kind: "user",
        userId: user.id,
        name: user.name,
        email: user.email,
        grants: [],
        twoFactorEnabled: false,
        sessionId: "",
      },
      {
        action,
        entityType: "user",
        entityId: user.id,
        after,
      },
    );
  }

  return betterAuth({
    appName: "Chiiki",
    baseURL: deps.baseUrl,
    basePath: "/api/auth",
    secret: deps.secret,
    trustedOrigins: async () => [deps.baseUrl, ...((await deps.communityOrigins?.()) ?? [])],
    database: { db, type: deps.dialect },
    user: {
      additionalFields: { locale: { type: "string", required: false, input: false } },
    },
    emailAndPassword: {
      enabled: true,
      // Accounts come from the first-run page, invitations or the CLI; never from self sign-up.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => queue(user.email, "reset-password", url),
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
      // Set only by the session.create hook below (second-factor.ts); never from a request body.
      additionalFields: {
        secondFactorVerified: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    rateLimit: {
      enabled: deps.rateLimits,
      storage: "database",
      window: 60,
      max: 100,
      customRules: {
        "/sign-in/email": { window: 60, max: 10 },
        "/sign-in/magic-link": { window: 60, max: 5 },
        "/magic-link/verify": { window: 60, max: 20 },
        "/two-factor/*": { window: 60, max: 10 },
        "/request-password-reset": { window: 60, max: 5 },
      },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      useSecureCookies: deps.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: deps.secureCookies },
      ipAddress: { ipAddressHeaders: ["x-forwarded-for"] },
      // Better Auth skips its origin and callback checks when NODE_ENV is "test"; said here, the
      // tests meet the checks production has (a mailed link with a foreign callbackURL is refused).
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session, ctx) => ({
            data: { ...session, secondFactorVerified: passedSecondFactor(ctx, session.userId) },
          }),
          after: async (session) =>
            auditUser(session.userId, "session.create", {
              ipAddress: session.ipAddress ?? null,
              userAgent: session.userAgent ?? null,
            }),
        },
      },
      user: {
        create: { before: async (user) => guardUserFields(user) },
        update: {
          before: async (user) => guardUserFields(user),
          after: async (user) => {
            if ((user as { twoFactorEnabled?: unknown }).twoFactorEnabled !== undefined) {
              await auditUser(user.id, "user.two-factor", {
                enabled: Boolean((user as { twoFactorEnabled?: unknown }).twoFactorEnabled),
              });
            }
          },
        },
      },
      account: {
        update: {
          after: async (account) => {
            if (account.password) await auditUser(account.userId, "user.password-change");
          },
        },
        create: {
          after: async (account) => {
            if (account.password) await auditUser(account.userId, "user.password-set");
          },
        },
      },
    },
    plugins: [
      magicLink({
        expiresIn: MAGIC_LINK_MINUTES * 60,
        disableSignUp: true,
        sendMagicLink: async ({ email, url }) => {
          const user = await db.selectFrom("user").select("id").where("email", "=", email).executeTakeFirst();
          if (!user) return; // say nothing about whether an address has an account
          const grants = await loadGrants(db, user.id);
          // The secretariat signs in with password and TOTP only; a link alone is not enough.
          if (grants.some((g) => g.role === "secretariat"))
            await queue(email, "magic-link-refused", `${currentAccountMailScope()?.baseUrl ?? deps.baseUrl}/sign-in`);
          else await queue(email, "magic-link", url);
        },
      }),
      secondFactorOnEveryWayIn(),
      twoFactor({
        issuer: "Chiiki",
        allowPasswordless: false,
        accountLockout: { enabled: true, maxFailedAttempts: 10, durationSeconds: 15 * 60 },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;
