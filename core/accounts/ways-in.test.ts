import { requestMagicLink } from "./request-account-mail.ts";
import * as OTPAuth from "otpauth";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import type { Services } from "../../server/services.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { createPerson } from "../community/create-person.ts";
import { communityDepsFrom } from "../community/deps.ts";
import { getAccountOverview } from "./get-account-overview.ts";
import { acceptInvitation, describeInvitation } from "./accept-invitation.ts";
import { type Actor, anonymous } from "./actor.ts";
import { authenticateApiToken, createApiToken } from "./api-tokens.ts";
import { changePassword } from "./change-password.ts";
import { installFirstSecretariat } from "./create-secretariat-account.ts";
import { inviteUser } from "./invite-user.ts";
import { ACCOUNT_MAILS_PER_ADDRESS } from "./limit-account-mail.ts";
import { isPublicAuthEndpoint } from "./public-auth-endpoints.ts";
import { resolveActor } from "./resolve-actor.ts";
import { signInWithPassword, verifySecondFactor } from "./sign-in-with-password.ts";
import { seedInvitationScopes, seedScopes } from "../../tests/support/scopes.ts";

const PASSWORD = "correct horse battery";
const system: Actor = { kind: "system", name: "test" };

/** A browser's cookie jar, enough for Better Auth: later Set-Cookie headers replace or expire earlier ones. */
class Jar {
  private cookies = new Map<string, string>();
  take(headers: Headers): this {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return this;
  }
  headers(): Headers {
    return new Headers({ cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") });
  }
}

async function latestMail(s: Services, to: string) {
  return s.database.db
    .selectFrom("outbox_messages")
    .selectAll()
    .where("to_address", "=", to)
    .orderBy("id", "desc")
    .executeTakeFirstOrThrow();
}

function linkIn(text: string, path: string): string {
  return new RegExp(`https?://\\S+${path.replace(/[/.]/g, "\\$&")}\\S*`).exec(text)![0];
}

/** Password, then TOTP enrolment, as the account page does it. Returns the authenticator. */
async function enrolTotp(s: Services, email: string): Promise<OTPAuth.TOTP> {
  const jar = new Jar().take(
    (await signInWithPassword(s.accounts, { email, password: PASSWORD }, new Headers())).cookies,
  );
  const enabled = await s.auth.api.enableTwoFactor({ body: { password: PASSWORD }, headers: jar.headers() });
  const totp = OTPAuth.URI.parse((enabled as { totpURI: string }).totpURI) as OTPAuth.TOTP;
  await s.auth.api.verifyTOTP({ body: { code: totp.generate() }, headers: jar.headers() });
  return totp;
}

/** A code the account has not used yet (Better Auth refuses none, but a later window is always fresh). */
function nextCode(totp: OTPAuth.TOTP): string {
  return totp.generate({ timestamp: Date.now() + 30_000 });
}

async function sessionsOf(s: Services, userId: string) {
  return s.database.db.selectFrom("session").selectAll().where("userId", "=", userId).execute();
}

describe.each(testDatabases)("every way in on %s (issue 13, items 1, 2, 6)", (kind) => {
  const s = useTestServices(kind);
  const admin = { name: "長崎 花子", email: "admin@example.jp", password: PASSWORD, community: "長崎地域SECURITY" };
  let adminId = "";
  let adminTotp: OTPAuth.TOTP;
  beforeAll(async () => {
    await seedInvitationScopes(s.database.db);
    adminId = (await installFirstSecretariat(s.accounts, admin)).userId;
    adminTotp = await enrolTotp(s, admin.email);
  });
  /** An invited address that accepted with PASSWORD (the journey the tests below start from). */
  const acceptedAccount = async (email: string, name: string, role: "member" | "secretariat") => {
    const { token } = await inviteUser(s.accounts, system, {
      email,
      name,
      role,
      ...(role === "member" ? { scopeId: "org-1" } : {}),
    });
    return acceptInvitation(s.accounts, anonymous, token, { newPassword: PASSWORD, passwordConfirm: PASSWORD });
  };

  it("an invitation to an existing secretariat account with TOTP gives no session, and adds the role only after password and code", async () => {
    const before = (await sessionsOf(s, adminId)).length;

    // Whoever reads the mailbox opens the link: it shows, and accepting without signing in is refused.
    const { token } = await inviteUser(s.accounts, system, {
      email: admin.email,
      name: "誰か",
      role: "group-lead",
      scopeId: "group-1",
    });
    expect(await describeInvitation(s.accounts, anonymous, token)).toMatchObject({
      step: "sign-in",
      email: admin.email,
    });
    await expect(
      acceptInvitation(s.accounts, anonymous, token, {
        newPassword: "attacker password 1",
        passwordConfirm: "attacker password 1",
      }),
    ).rejects.toMatchObject({ code: "invitation-sign-in-required" });
    expect((await sessionsOf(s, adminId)).length).toBe(before);
    const grants = async () =>
      (await s.database.db.selectFrom("role_grants").select("role").where("user_id", "=", adminId).execute())
        .map((g) => g.role)
        .sort();
    expect(await grants()).toEqual(["secretariat"]);

    // The password alone is not a sign-in: the challenge cookie is no actor.
    const jar = new Jar();
    const first = await signInWithPassword(s.accounts, { email: admin.email, password: PASSWORD }, new Headers());
    expect(first.secondFactorRequired).toBe(true);
    jar.take(first.cookies);
    expect(await resolveActor(s.accounts, jar.headers())).toEqual(anonymous);
    await expect(
      acceptInvitation(s.accounts, (await resolveActor(s.accounts, jar.headers())) as Actor, token),
    ).rejects.toMatchObject({ code: "invitation-sign-in-required" });

    // Password and code: now the account itself accepts, and gets the role.
    jar.take((await verifySecondFactor(s.accounts, { code: nextCode(adminTotp) }, jar.headers())).cookies);
    const actor = await resolveActor(s.accounts, jar.headers());
    expect(actor).toMatchObject({ kind: "user", userId: adminId, twoFactorEnabled: true });
    expect(await describeInvitation(s.accounts, actor as Actor, token)).toMatchObject({ step: "accept" });
    expect(await acceptInvitation(s.accounts, actor as Actor, token)).toMatchObject({
      userId: adminId,
      created: false,
    });
    expect(await grants()).toEqual(["group-lead", "secretariat"]);
    await expect(acceptInvitation(s.accounts, actor as Actor, token)).rejects.toMatchObject({
      code: "invitation-invalid",
    });
  });

  it("an invitation whose organisation was removed since it was sent grants nothing and makes no account", async () => {
    await seedScopes(s.database.db, { organisations: [["org-gone", "解散した株式会社"]] });
    const { token } = await inviteUser(s.accounts, system, {
      email: "late@example.jp",
      name: "遅 太郎",
      role: "member",
      scopeId: "org-gone",
    });
    await s.database.db.deleteFrom("organisations").where("id", "=", "org-gone").execute();
    await expect(
      acceptInvitation(s.accounts, anonymous, token, { newPassword: PASSWORD, passwordConfirm: PASSWORD }),
    ).rejects.toMatchObject({ code: "invitation-scope-gone", status: 410 });
    // Nothing of the attempt is kept: no account, and the invitation is still unused.
    expect(
      await s.database.db.selectFrom("user").select("id").where("email", "=", "late@example.jp").execute(),
    ).toEqual([]);
    expect(
      await s.database.db
        .selectFrom("invitations")
        .select("accepted_at")
        .where("email", "=", "late@example.jp")
        .execute(),
    ).toEqual([{ accepted_at: null }]);
  });

  it("an invitation for one address cannot be accepted while signed in as another account", async () => {
    const { token } = await inviteUser(s.accounts, system, {
      email: "new@example.jp",
      name: "新人",
      role: "member",
      scopeId: "org-1",
    });
    const other: Actor = {
      kind: "user",
      userId: adminId,
      email: admin.email,
      name: admin.name,
      grants: [],
      twoFactorEnabled: true,
      sessionId: "s",
    };
    expect(await describeInvitation(s.accounts, other, token)).toMatchObject({ step: "other-account" });
    await expect(acceptInvitation(s.accounts, other, token)).rejects.toMatchObject({
      code: "invitation-other-account",
    });
  });

  it("a new address chooses a password on acceptance (checked before anything is written), and signs in with it", async () => {
    const { token } = await inviteUser(s.accounts, system, {
      email: "member@example.jp",
      name: "佐世保 太郎",
      role: "member",
      scopeId: "org-1",
    });
    expect(await describeInvitation(s.accounts, anonymous, token)).toMatchObject({ step: "new-account" });
    await expect(
      acceptInvitation(s.accounts, anonymous, token, { newPassword: "short", passwordConfirm: "short" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "newPassword", code: "too-short", params: { min: 12 } }],
    });
    expect(
      await s.database.db.selectFrom("user").select("id").where("email", "=", "member@example.jp").executeTakeFirst(),
    ).toBeUndefined();
    const accepted = await acceptInvitation(s.accounts, anonymous, token, {
      newPassword: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(accepted).toMatchObject({ created: true, email: "member@example.jp" });
    expect(await sessionsOf(s, accepted.userId)).toEqual([]);
    const signedIn = await signInWithPassword(
      s.accounts,
      { email: "member@example.jp", password: PASSWORD },
      new Headers(),
    );
    expect(await resolveActor(s.accounts, new Jar().take(signedIn.cookies).headers())).toMatchObject({
      kind: "user",
      userId: accepted.userId,
    });
  });

  it("a new secretariat invitee's session has no secretariat powers until TOTP is enrolled", async () => {
    const { token } = await inviteUser(s.accounts, system, {
      email: "staff@example.jp",
      name: "事務 三郎",
      role: "secretariat",
    });
    await acceptInvitation(s.accounts, anonymous, token, { newPassword: PASSWORD, passwordConfirm: PASSWORD });
    const jar = new Jar().take(
      (await signInWithPassword(s.accounts, { email: "staff@example.jp", password: PASSWORD }, new Headers())).cookies,
    );
    const actor = await resolveActor(s.accounts, jar.headers());
    expect(actor).toMatchObject({ kind: "user", twoFactorEnabled: false, grants: [{ role: "secretariat" }] });
    await expect(
      inviteUser(s.accounts, actor as Actor, { email: "x@example.jp", name: "x", role: "secretariat" }),
    ).rejects.toMatchObject({ code: "two-factor-required" });
  });

  it("a magic link for a member with TOTP makes no session: it leads to the code, and only the code signs in", async () => {
    await acceptedAccount("member@example.jp", "佐世保 太郎", "member");
    const member = await s.database.db
      .selectFrom("user")
      .select("id")
      .where("email", "=", "member@example.jp")
      .executeTakeFirstOrThrow();
    const totp = await enrolTotp(s, "member@example.jp");
    const before = (await sessionsOf(s, member.id)).length;

    await s.auth.api.signInMagicLink({
      body: { email: "member@example.jp", callbackURL: "/posts" },
      headers: new Headers(),
    });
    const link = linkIn((await latestMail(s, "member@example.jp")).text_body, "/api/auth/magic-link/verify");
    const opened = await s.auth.handler(new Request(link));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe("/sign-in/two-factor?redirectTo=%2Fposts");
    expect((await sessionsOf(s, member.id)).length).toBe(before);
    const jar = new Jar().take(opened.headers);
    expect(await resolveActor(s.accounts, jar.headers())).toEqual(anonymous);

    await expect(verifySecondFactor(s.accounts, { code: "000000" }, jar.headers())).rejects.toMatchObject({
      code: "two-factor-failed",
    });
    jar.take((await verifySecondFactor(s.accounts, { code: nextCode(totp) }, jar.headers())).cookies);
    const signedIn = await resolveActor(s.accounts, jar.headers());
    expect(signedIn).toMatchObject({ kind: "user", userId: member.id, twoFactorEnabled: true });

    // A password change replaces the session; the new one keeps what the old one proved.
    const changed = await changePassword(
      s.accounts,
      signedIn as Actor,
      { password: PASSWORD, newPassword: "a changed long password", passwordConfirm: "a changed long password" },
      jar.headers(),
    );
    jar.take(changed.cookies);
    expect(await resolveActor(s.accounts, jar.headers())).toMatchObject({
      kind: "user",
      userId: member.id,
      twoFactorEnabled: true,
    });
  });

  it("a sign-in link asked for at a community's /c/<slug>/ address comes back there (ADR 040)", async () => {
    await acceptedAccount("walker@example.jp", "歩 太郎", "member");
    const saga = { ...s.accounts, baseUrl: `${s.accounts.baseUrl}/c/saga` };
    await requestMagicLink(saga, { email: "walker@example.jp" }, new Headers());
    const link = linkIn((await latestMail(s, "walker@example.jp")).text_body, "/api/auth/magic-link/verify");
    expect(new URL(link).searchParams.get("callbackURL")).toBe(`${s.accounts.baseUrl}/c/saga/`);
    const opened = await s.auth.handler(new Request(link));
    expect(opened.status).toBe(302);
    expect(new URL(opened.headers.get("location")!, s.accounts.baseUrl).pathname).toBe("/c/saga/");
  });

  it("a session of an account with TOTP that did not pass it is no sign-in (TOTP being enabled is not the proof)", async () => {
    // The old way in: a session made before the account enrolled, or by a path that skipped the code.
    const { token } = await inviteUser(s.accounts, system, {
      email: "late@example.jp",
      name: "後藤 四郎",
      role: "secretariat",
    });
    const { userId } = await acceptInvitation(s.accounts, anonymous, token, {
      newPassword: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    const early = new Jar().take(
      (await signInWithPassword(s.accounts, { email: "late@example.jp", password: PASSWORD }, new Headers())).cookies,
    );
    await enrolTotp(s, "late@example.jp");
    const sessions = await sessionsOf(s, userId);
    expect(sessions.map((row) => Boolean(row.secondFactorVerified)).sort()).toEqual([false, true]);
    expect(await resolveActor(s.accounts, early.headers())).toEqual(anonymous);
  });

  it("a password reset changes the password but signs nobody in; the next sign-in still asks for the code", async () => {
    await s.auth.api.requestPasswordReset({
      body: { email: admin.email, redirectTo: "/reset-password" },
      headers: new Headers(),
    });
    const link = linkIn((await latestMail(s, admin.email)).text_body, "/api/auth/reset-password/");
    const callback = await s.auth.handler(new Request(link));
    const resetToken = new URL(callback.headers.get("location")!, "http://x").searchParams.get("token")!;
    const reset = await s.auth.api.resetPassword({
      body: { newPassword: "another long password", token: resetToken },
      headers: new Headers(),
      asResponse: true,
    });
    expect(reset.status).toBe(200);
    expect(reset.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c) && !/max-age=0/i.test(c))).toBe(
      false,
    );
    const next = await signInWithPassword(
      s.accounts,
      { email: admin.email, password: "another long password" },
      new Headers(),
    );
    expect(next.secondFactorRequired).toBe(true);
  });

  it("names are validated like every other input, and Better Auth refuses a bad one and keeps no picture URL", async () => {
    for (const name of ["佐世保\r\n事務局", "a\u0000b", "\u202Eevil", "x".repeat(101)]) {
      await expect(
        inviteUser(s.accounts, system, { email: "n@example.jp", name, role: "member", scopeId: "o" }),
      ).rejects.toMatchObject({ code: "validation-failed" });
    }
    await expect(
      inviteUser(s.accounts, system, { email: "n@example.jp", name: "改行\nあり", role: "member", scopeId: "o" }),
    ).rejects.toMatchObject({ fields: [{ field: "name", code: "control-characters" }] });
    // Called as Better Auth's own endpoint would be, by a signed-in account without TOTP.
    await acceptedAccount("staff@example.jp", "事務 三郎", "secretariat");
    const jar = new Jar().take(
      (await signInWithPassword(s.accounts, { email: "staff@example.jp", password: PASSWORD }, new Headers())).cookies,
    );
    const member = await s.database.db
      .selectFrom("user")
      .select(["id", "name"])
      .where("email", "=", "staff@example.jp")
      .executeTakeFirstOrThrow();
    await expect(
      s.auth.api.updateUser({ body: { name: "事務局\r\nX-Injected: 1" }, headers: jar.headers() }),
    ).rejects.toMatchObject({ statusCode: 400 });
    await s.auth.api
      .updateUser({ body: { image: "javascript:alert(1)" }, headers: jar.headers() })
      .catch(() => undefined);
    const after = await s.database.db
      .selectFrom("user")
      .select(["name", "image"])
      .where("id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: member.name, image: null });
  });

  it("tokens act for their creator, and stop when the creator is no longer the secretariat", async () => {
    const human: Actor = {
      kind: "user",
      userId: adminId,
      email: admin.email,
      name: admin.name,
      grants: [{ role: "secretariat", scopeType: "global", scopeId: null }],
      twoFactorEnabled: true,
      sessionId: "s",
    };
    const { token } = await createApiToken(s.accounts, human, { name: "集計", role: "secretariat" });
    expect(await authenticateApiToken(s.accounts, token)).toMatchObject({ kind: "token", createdBy: adminId });
    const { token: cli } = await createApiToken(s.accounts, system, { name: "cron", role: "secretariat" });
    expect(await authenticateApiToken(s.accounts, cli)).toMatchObject({ kind: "token", createdBy: null });
    await s.database.db
      .deleteFrom("role_grants")
      .where("user_id", "=", adminId)
      .where("role", "=", "secretariat")
      .execute();
    expect(await authenticateApiToken(s.accounts, token)).toBeNull();
  });
});

describe("the Better Auth endpoints reachable over HTTP (issue 13, item 6)", () => {
  it("are only the links we mail and the health check", () => {
    expect(isPublicAuthEndpoint("GET", "/api/auth/magic-link/verify")).toBe(true);
    expect(isPublicAuthEndpoint("GET", "/api/auth/reset-password/abcDEF_123-x")).toBe(true);
    expect(isPublicAuthEndpoint("HEAD", "/api/auth/ok")).toBe(true);
    for (const [method, path] of [
      ["POST", "/api/auth/update-user"],
      ["POST", "/api/auth/sign-in/magic-link"],
      ["POST", "/api/auth/request-password-reset"],
      ["POST", "/api/auth/sign-in/email"],
      ["POST", "/api/auth/sign-up/email"],
      ["POST", "/api/auth/change-email"],
      ["POST", "/api/auth/two-factor/disable"],
      ["GET", "/api/auth/get-session"],
      ["POST", "/api/auth/magic-link/verify"],
      ["GET", "/api/auth/%75pdate-user"],
      ["GET", "/api/auth/reset-password/a/b"],
      ["GET", "/api/authx/ok"],
    ]) {
      expect(isPublicAuthEndpoint(method!, path!), `${method} ${path}`).toBe(false);
    }
  });
});

describe.each(testDatabases)("account mails per address on %s (issue 13, item 11)", (kind) => {
  const s = useTestServices(kind, { CHIIKI_RATE_LIMITS: "on" });
  beforeAll(() => seedInvitationScopes(s.database.db));

  it("at most a few sign-in and reset mails reach one address, whichever path asks", async () => {
    await installFirstSecretariat(s.accounts, {
      name: "長崎 花子",
      email: "admin@example.jp",
      password: PASSWORD,
      community: "長崎",
    });
    const { token } = await inviteUser(s.accounts, system, {
      email: "flood@example.jp",
      name: "的",
      role: "member",
      scopeId: "o",
    });
    await acceptInvitation(s.accounts, anonymous, token, { newPassword: PASSWORD, passwordConfirm: PASSWORD });
    for (let i = 0; i < 6; i++) {
      await s.auth.api.signInMagicLink({ body: { email: "flood@example.jp" }, headers: new Headers() });
      await s.auth.api.requestPasswordReset({ body: { email: "flood@example.jp" }, headers: new Headers() });
    }
    const mails = await s.database.db
      .selectFrom("outbox_messages")
      .select("subject")
      .where("to_address", "=", "flood@example.jp")
      .execute();
    // The invitation, then the limit.
    expect(mails.length).toBe(1 + ACCOUNT_MAILS_PER_ADDRESS);
    // Another address is not affected.
    await s.auth.api.signInMagicLink({ body: { email: "admin@example.jp" }, headers: new Headers() });
    expect(
      await s.database.db
        .selectFrom("outbox_messages")
        .select("id")
        .where("to_address", "=", "admin@example.jp")
        .execute(),
    ).toHaveLength(1);
  });
});

describe.each(testDatabases)("accepting an invitation links the registry's person on %s (issue 16, item 2)", (kind) => {
  const s = useTestServices(kind);
  beforeAll(() => seedInvitationScopes(s.database.db));

  it("links the one person with the invited address, shows it on the account, and leaves two namesakes to the secretariat", async () => {
    const deps = communityDepsFrom(s);
    const org = await createOrganisation(deps, system, { name: "株式会社させぼテック", sector: "industry" });
    const person = await createPerson(deps, system, {
      familyName: "佐世保",
      givenName: "太郎",
      email: "Taro@Sasebo.example",
      organisationId: org.id,
    });
    const { token } = await inviteUser(s.accounts, system, {
      email: "taro@sasebo.example",
      name: "佐世保 太郎",
      role: "member",
      scopeId: org.id,
    });
    const { userId } = await acceptInvitation(s.accounts, anonymous, token, {
      newPassword: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    const row = await s.database.db
      .selectFrom("people")
      .select("user_id")
      .where("id", "=", person.id)
      .executeTakeFirstOrThrow();
    expect(row.user_id).toBe(userId);
    const actor: Actor = {
      kind: "user",
      userId,
      email: "taro@sasebo.example",
      name: "佐世保 太郎",
      grants: [],
      twoFactorEnabled: false,
      sessionId: "s",
    };
    expect((await getAccountOverview(s.accounts, actor)).person).toEqual({
      id: person.id,
      name: "佐世保 太郎",
      organisation: "株式会社させぼテック",
    });

    for (const familyName of ["長崎", "長崎"])
      await createPerson(deps, system, { familyName, givenName: "次郎", email: "jiro@example.jp" });
    const second = await inviteUser(s.accounts, system, {
      email: "jiro@example.jp",
      name: "長崎 次郎",
      role: "member",
      scopeId: org.id,
    });
    const jiro = await acceptInvitation(s.accounts, anonymous, second.token, {
      newPassword: PASSWORD,
      passwordConfirm: PASSWORD,
    });
    expect(await s.database.db.selectFrom("people").select("id").where("user_id", "=", jiro.userId).execute()).toEqual(
      [],
    );
  });
});
