/**
 * The ways in as the pages call them: each use case parses the raw form (the same zod schema the
 * API would use), counts the attempt against the client and the address, and only then asks Better
 * Auth. The pages add nothing but the form and the resolved client (app/lib/http.server.ts clientOf).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertEvent } from "../../tests/fixtures/rows.ts";
import { seedInvitationScopes } from "../../tests/support/scopes.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { createRateLimiter } from "../shared/rate-limit.ts";
import { type Actor, anonymous } from "./actor.ts";
import { completeFirstRun } from "./complete-first-run.ts";
import { type AccountsDeps, accountsDepsFrom } from "./deps.ts";
import { getAccountLocale } from "./get-account-locale.ts";
import { getCommunityName } from "./get-community-name.ts";
import { inviteUser } from "./invite-user.ts";
import { joinByInvitation } from "./join-by-invitation.ts";
import { SIGN_IN_ATTEMPTS_PER_ADDRESS, SIGN_IN_ATTEMPTS_PER_CLIENT } from "./limit-sign-in-attempt.ts";
import { requestMagicLink, requestPasswordReset, resetPassword } from "./request-account-mail.ts";
import { resolveActor } from "./resolve-actor.ts";
import { setAccountLocale } from "./set-account-locale.ts";
import { signInWithPassword, verifySecondFactor } from "./sign-in-with-password.ts";

const PASSWORD = "correct horse battery";
const system: Actor = { kind: "system", name: "test" };

function cookieHeaders(cookies: Headers): Headers {
  const pairs = cookies.getSetCookie().map((line) => line.split(";")[0]!);
  return new Headers({ cookie: pairs.join("; ") });
}

describe.each(testDatabases)("the ways in from forms on %s", (kind) => {
  const s = useTestServices(kind);
  /** Rate limits on (the test services run with CHIIKI_RATE_LIMITS=off). */
  const deps = (): AccountsDeps => ({
    ...accountsDepsFrom(s),
    limitRate: createRateLimiter(s.database.db, s.clock, true),
  });
  const admin = {
    community: "長崎地域SECURITY",
    name: "長崎 花子",
    email: "admin@example.jp",
    password: PASSWORD,
    locale: "ja",
  };

  it("the first run installs, names the community and signs the secretariat in; a second one is refused", async () => {
    expect(await getCommunityName(deps())).toBe("Chiiki");
    const { cookies } = await completeFirstRun(deps(), admin, new Headers(), "198.51.100.1");
    expect(await resolveActor(deps(), cookieHeaders(cookies))).toMatchObject({ kind: "user", email: admin.email });
    expect(await getCommunityName(deps())).toBe("長崎地域SECURITY");
    await expect(
      completeFirstRun(deps(), { ...admin, email: "x@example.jp" }, new Headers(), "198.51.100.1"),
    ).rejects.toMatchObject({
      code: "already-installed",
    });
  });

  // Every test below starts from an installed community (per-test isolation restores it) with the
  // organisation and event that invitations name.
  describe("once installed", () => {
    beforeAll(async () => {
      await completeFirstRun(deps(), admin, new Headers(), "198.51.100.250");
      await seedInvitationScopes(s.database.db);
      await insertEvent(s.database.db, { id: "event-1" });
    });

    it("the first run counts every attempt against the client, 10 in 15 minutes", async () => {
      const client = "198.51.100.2";
      for (let i = 0; i < 10; i++)
        await expect(completeFirstRun(deps(), admin, new Headers(), client)).rejects.toMatchObject({
          code: "already-installed",
        });
      await expect(completeFirstRun(deps(), admin, new Headers(), client)).rejects.toMatchObject({
        code: "rate-limited",
      });
    });

    it("sign-in parses the form: each missing or malformed field is named, and nothing is counted", async () => {
      await expect(signInWithPassword(deps(), {}, new Headers(), "203.0.113.9")).rejects.toMatchObject({
        code: "validation-failed",
        fields: [
          { field: "email", code: "required" },
          { field: "password", code: "required" },
        ],
      });
      await expect(
        signInWithPassword(deps(), { email: "not an address", password: "x" }, new Headers(), "203.0.113.9"),
      ).rejects.toMatchObject({ fields: [{ field: "email", code: "email" }] });
      // Full-width, as a Japanese keyboard types it, and in capitals: the same account.
      const signedIn = await signInWithPassword(
        deps(),
        { email: "ＡＤＭＩＮ＠example.jp", password: PASSWORD },
        new Headers(),
        "203.0.113.9",
      );
      expect(signedIn.secondFactorRequired).toBe(false);
      await expect(
        signInWithPassword(deps(), { email: admin.email, password: "wrong password!" }, new Headers(), "203.0.113.9"),
      ).rejects.toMatchObject({ code: "sign-in-failed" });
    });

    it("sign-in counts attempts per address from any client, and per client over any address", async () => {
      const attempt = (email: string, client: string) =>
        signInWithPassword(deps(), { email, password: "wrong password!" }, new Headers(), client);
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++)
        await expect(attempt("target@example.jp", `192.0.2.${i + 1}`)).rejects.toMatchObject({
          code: "sign-in-failed",
        });
      await expect(attempt("TARGET@example.jp", "192.0.2.200")).rejects.toMatchObject({ code: "rate-limited" });

      // All but one of a client's attempts made already (each wrong password costs a hash: not 20 here).
      const client = "2001:db8:1:2::/64";
      const limiter = deps().limitRate!;
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_CLIENT - 1; i++)
        await limiter({ key: `sign-in:ip:${client}`, limit: SIGN_IN_ATTEMPTS_PER_CLIENT, windowMs: 60_000 });
      await expect(attempt("guess@example.jp", client)).rejects.toMatchObject({ code: "sign-in-failed" });
      await expect(attempt("another@example.jp", client)).rejects.toMatchObject({ code: "rate-limited" });
      // Without a client (the first run's own sign-in, tests) nothing is counted.
      await expect(attempt("another@example.jp", "")).rejects.toMatchObject({ code: "sign-in-failed" });
    });

    it("a sign-in link and a reset link parse the address and are limited per address", async () => {
      await expect(requestMagicLink(deps(), { email: "" }, new Headers(), "192.0.2.50")).rejects.toMatchObject({
        fields: [{ field: "email", code: "required" }],
      });
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_ADDRESS; i++)
        await requestMagicLink(deps(), { email: "link@example.jp" }, new Headers(), `192.0.2.${60 + i}`);
      await expect(
        requestMagicLink(deps(), { email: "link@example.jp" }, new Headers(), "192.0.2.99"),
      ).rejects.toMatchObject({ code: "rate-limited" });
      // Another kind of mail has its own count.
      await requestPasswordReset(deps(), { email: "link@example.jp" }, new Headers(), "192.0.2.99");
      await expect(requestPasswordReset(deps(), { email: "@" }, new Headers(), "192.0.2.99")).rejects.toMatchObject({
        fields: [{ field: "email", code: "email" }],
      });
    });

    it("a new password from a reset link is typed twice and needs the link's token", async () => {
      await expect(
        resetPassword(deps(), { newPassword: PASSWORD, passwordConfirm: PASSWORD }, new Headers(), "192.0.2.70"),
      ).rejects.toMatchObject({ code: "bad-request" });
      await expect(
        resetPassword(
          deps(),
          { token: "t", newPassword: PASSWORD, passwordConfirm: "other" },
          new Headers(),
          "192.0.2.70",
        ),
      ).rejects.toMatchObject({ fields: [{ field: "passwordConfirm", code: "password-mismatch" }] });
      await expect(
        resetPassword(
          deps(),
          { token: "unknown", newPassword: PASSWORD, passwordConfirm: PASSWORD },
          new Headers(),
          "192.0.2.70",
        ),
      ).rejects.toMatchObject({ code: "reset-invalid" });
    });

    it("second-factor attempts count against the client, well-formed or not", async () => {
      const client = "192.0.2.80";
      for (let i = 0; i < SIGN_IN_ATTEMPTS_PER_CLIENT; i++)
        await expect(verifySecondFactor(deps(), { code: "12" }, new Headers(), client)).rejects.toMatchObject({
          fields: [{ field: "code", code: "totp" }],
        });
      await expect(verifySecondFactor(deps(), { code: "123456" }, new Headers(), client)).rejects.toMatchObject({
        code: "rate-limited",
      });
    });

    it("an invitation to a new address makes the account and signs it in; an existing account gets no new cookies", async () => {
      const { token } = await inviteUser(deps(), system, {
        email: "joiner@example.jp",
        name: "新人",
        role: "member",
        scopeId: "org-1",
      });
      await expect(
        joinByInvitation(deps(), anonymous, token, { newPassword: PASSWORD, passwordConfirm: "typo" }, new Headers()),
      ).rejects.toMatchObject({ fields: [{ field: "passwordConfirm", code: "password-mismatch" }] });
      const { cookies } = await joinByInvitation(
        deps(),
        anonymous,
        token,
        { newPassword: PASSWORD, passwordConfirm: PASSWORD },
        new Headers(),
      );
      const joined = await resolveActor(deps(), cookieHeaders(cookies!));
      expect(joined).toMatchObject({ kind: "user", email: "joiner@example.jp" });

      const second = await inviteUser(deps(), system, {
        email: "joiner@example.jp",
        name: "新人",
        role: "speaker",
        scopeId: "event-1",
      });
      expect(await joinByInvitation(deps(), joined as Actor, second.token, {}, new Headers())).toEqual({
        cookies: null,
      });
    });

    it("the language switch keeps a signed-in person's choice, refuses an unknown one and writes nothing for the public", async () => {
      const user = await s.database.db
        .selectFrom("user")
        .select(["id", "email", "name"])
        .where("email", "=", admin.email)
        .executeTakeFirstOrThrow();
      const actor: Actor = {
        kind: "user",
        userId: user.id,
        email: user.email,
        name: user.name,
        grants: [],
        twoFactorEnabled: false,
        sessionId: "s",
      };
      expect(await getAccountLocale(deps(), actor)).toBe("ja");
      expect(await setAccountLocale(deps(), actor, { locale: "en" })).toBe("en");
      expect(await getAccountLocale(deps(), actor)).toBe("en");
      await expect(setAccountLocale(deps(), actor, { locale: "fr" })).rejects.toMatchObject({
        code: "validation-failed",
        fields: [{ field: "locale", code: "choice" }],
      });
      expect(await getAccountLocale(deps(), actor)).toBe("en");
      expect(await setAccountLocale(deps(), anonymous, { locale: "ja" })).toBe("ja");
      expect(await getAccountLocale(deps(), anonymous)).toBeNull();
      expect(await getAccountLocale(deps(), actor)).toBe("en");
    });
  });
});
