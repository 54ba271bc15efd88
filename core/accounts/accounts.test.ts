import * as OTPAuth from "otpauth";
import { describe, expect, it, beforeAll } from "vitest";
import { testDatabases } from "../../tests/support/databases.ts";
import { openTestServices, useTestServices } from "../../tests/support/services.ts";
import { anonymous } from "./actor.ts";
import { acceptInvitation } from "./accept-invitation.ts";
import { authenticateApiToken, createApiToken, revokeApiToken } from "./api-tokens.ts";
import { installFirstSecretariat, isInstalled } from "./create-secretariat-account.ts";
import { inviteUser } from "./invite-user.ts";
import { resolveActor } from "./resolve-actor.ts";
import { seedInvitationScopes } from "../../tests/support/scopes.ts";
import { getInvitationForm } from "./get-invitation-form.ts";
import { getApiTokenForm } from "./get-api-token-form.ts";
import { translate } from "../../i18n/index.ts";
const secretariatActor = {
  kind: "user" as const,
  userId: "u-sec",
  email: "office@example.jp",
  name: "事務局",
  sessionId: "s1",
  twoFactorEnabled: true,
  grants: [{ role: "secretariat" as const, scopeType: "global" as const, scopeId: null }],
};

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

describe.each(testDatabases)("accounts on %s", (kind) => {
  const s = useTestServices(kind);
  beforeAll(() => seedInvitationScopes(s.database.db));
  const admin = {
    name: "長崎 花子",
    email: "Secretariat@Example.JP",
    password: "correct horse battery",
    community: "長崎地域SECURITY",
  };

  it("first run creates one secretariat account and refuses a second first run", async () => {
    expect(await isInstalled(s.accounts)).toBe(false);
    await installFirstSecretariat(s.accounts, admin);
    expect(await isInstalled(s.accounts)).toBe(true);
    await expect(installFirstSecretariat(s.accounts, { ...admin, email: "other@example.jp" })).rejects.toMatchObject({
      code: "already-installed",
    });
    const audit = await s.database.db.selectFrom("audit_events").selectAll().execute();
    expect(audit.map((a) => a.action)).toEqual(["installation.create"]);
  });

  it("first run works after the demo year was loaded into an empty installation", async () => {
    const fresh = await openTestServices(kind);
    try {
      await fresh.database.db
        .insertInto("app_settings")
        .values({ key: "community_name", value: "長崎地域SECURITY" })
        .execute();
      await installFirstSecretariat(fresh.accounts, { ...admin, community: "長崎地域" });
      const name = await fresh.database.db
        .selectFrom("app_settings")
        .select("value")
        .where("key", "=", "community_name")
        .executeTakeFirstOrThrow();
      expect(name.value).toBe("長崎地域");
    } finally {
      await fresh.close();
    }
  });

  it("rejects bad first-run input field by field and writes nothing", async () => {
    await expect(
      installFirstSecretariat(s.accounts, { name: "", email: "nope", password: "short", community: "" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: expect.arrayContaining([
        { field: "name", code: "required" },
        { field: "email", code: "email" },
        { field: "password", code: "too-short", params: { min: 12 } },
      ]),
    });
  });

  it("signs in with password, then needs TOTP once it is enabled", async () => {
    await installFirstSecretariat(s.accounts, admin);
    const signIn = await s.auth.api.signInEmail({
      body: { email: admin.email.toLowerCase(), password: admin.password },
      asResponse: true,
    });
    expect(signIn.status).toBe(200);
    const headers = new Headers({ cookie: cookieHeader(signIn) });
    const actor = await resolveActor(s.accounts, headers);
    expect(actor).toMatchObject({ kind: "user", twoFactorEnabled: false, grants: [{ role: "secretariat" }] });

    const enabled = await s.auth.api.enableTwoFactor({ body: { password: admin.password }, headers });
    const totp = OTPAuth.URI.parse((enabled as { totpURI: string }).totpURI) as OTPAuth.TOTP;
    // Enabling 2FA replaces the session: the browser gets the new cookie from this response.
    const enabling = await s.auth.api.verifyTOTP({ body: { code: totp.generate() }, headers, asResponse: true });
    const after = await resolveActor(s.accounts, new Headers({ cookie: cookieHeader(enabling) }));
    expect(after).toMatchObject({ twoFactorEnabled: true });

    const second = await s.auth.api.signInEmail({
      body: { email: admin.email.toLowerCase(), password: admin.password },
      asResponse: true,
    });
    expect(await second.json()).toMatchObject({ twoFactorRedirect: true });
    const pending = new Headers({ cookie: cookieHeader(second) });
    expect(await resolveActor(s.accounts, pending)).toEqual(anonymous);
    const verified = await s.auth.api.verifyTOTP({
      body: { code: totp.generate() },
      headers: pending,
      asResponse: true,
    });
    expect(verified.status).toBe(200);
    expect(await resolveActor(s.accounts, new Headers({ cookie: cookieHeader(verified) }))).toMatchObject({
      kind: "user",
      twoFactorEnabled: true,
    });

    const actions = (await s.database.db.selectFrom("audit_events").select("action").execute()).map((a) => a.action);
    expect(actions).toContain("session.create");
    expect(actions).toContain("user.two-factor");
  });

  it("invites a member, queues the mail in the outbox, and accepts the link once", async () => {
    await installFirstSecretariat(s.accounts, admin); // the mail names the community
    const secretariat = { kind: "system" as const, name: "test" };
    const { token } = await inviteUser(s.accounts, secretariat, {
      email: "member@example.jp",
      name: "佐世保 太郎",
      role: "member",
      scopeId: "org-1",
    });
    const mail = await s.database.db
      .selectFrom("outbox_messages")
      .selectAll()
      .where("to_address", "=", "member@example.jp")
      .executeTakeFirstOrThrow();
    expect(mail.text_body).toContain(`/invite/${token}`);
    expect(mail.subject).toContain("長崎地域SECURITY");

    const password = { newPassword: "a long new password", passwordConfirm: "a long new password" };
    const { userId } = await acceptInvitation(s.accounts, anonymous, token, password);
    const grants = await s.database.db.selectFrom("role_grants").selectAll().where("user_id", "=", userId).execute();
    expect(grants).toMatchObject([{ role: "member", scope_type: "organisation", scope_id: "org-1" }]);
    await expect(acceptInvitation(s.accounts, anonymous, token, password)).rejects.toMatchObject({
      code: "invitation-invalid",
    });
  });

  it("refuses a scope that does not exist or is of another kind, on scopeId, writing nothing", async () => {
    const system = { kind: "system" as const, name: "test" };
    const before = await s.database.db.selectFrom("invitations").select("id").execute();
    const invite = (role: "member" | "group-lead" | "speaker", scopeId: string) =>
      inviteUser(s.accounts, system, { email: "scope@example.jp", name: "対象 確認", role, scopeId });
    for (const [role, scopeId, code] of [
      ["member", "nonexistent-id", "scope-not-found-organisation"],
      ["member", "group-1", "scope-not-found-organisation"],
      ["group-lead", "org-1", "scope-not-found-group"],
      ["speaker", "org-1", "scope-not-found-event"],
    ] as const) {
      await expect(invite(role, scopeId)).rejects.toMatchObject({
        code: "validation-failed",
        fields: [{ field: "scopeId", code }],
      });
    }
    expect(await s.database.db.selectFrom("invitations").select("id").execute()).toEqual(before);
    expect(
      await s.database.db
        .selectFrom("outbox_messages")
        .select("id")
        .where("to_address", "=", "scope@example.jp")
        .execute(),
    ).toEqual([]);

    await invite("group-lead", "group-1");
    const form = await getInvitationForm(s.accounts, secretariatActor, { q: "部会" });
    expect(form.invitations.find((i) => i.email === "scope@example.jp")).toMatchObject({
      scopeId: "group-1",
      scopeName: "情報共有部会",
    });
    expect(form.scopes.group).toEqual([{ id: "group-1", name: "情報共有部会" }]);
    expect(form.scopes.organisation).toEqual([]);
    expect((await getInvitationForm(s.accounts, secretariatActor)).scopes.organisation.map((o) => o.id).sort()).toEqual(
      expect.arrayContaining(["o", "org-1"]),
    );
    await expect(getInvitationForm(s.accounts, anonymous)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("refuses an API token scoped to an organisation, group or event that does not exist, writing nothing", async () => {
    const system = { kind: "system" as const, name: "test" };
    const before = await s.database.db.selectFrom("api_tokens").select("id").execute();
    for (const [role, scopeId, code] of [
      ["member", "nonexistent-id", "scope-not-found-organisation"],
      ["member", "group-1", "scope-not-found-organisation"],
      ["group-lead", "org-1", "scope-not-found-group"],
      ["speaker", "nonexistent-event", "scope-not-found-event"],
    ] as const) {
      await expect(createApiToken(s.accounts, system, { name: "連携", role, scopeId })).rejects.toMatchObject({
        code: "validation-failed",
        status: 422,
        fields: [{ field: "scopeId", code }],
      });
    }
    expect(await s.database.db.selectFrom("api_tokens").select("id").execute()).toEqual(before);
    expect(translate("ja", "field.scope-not-found-event")).toBe(
      "このイベントは登録されていません。一覧から選んでください。",
    );
    expect(translate("en", "field.scope-not-found-group")).toBe(
      "No such group is registered. Choose one from the list.",
    );

    await createApiToken(s.accounts, system, { name: "部会の連携", role: "group-lead", scopeId: "group-1" });
    const form = await getApiTokenForm(s.accounts, secretariatActor);
    expect(form.tokens.find((t) => t.name === "部会の連携")).toMatchObject({
      scopeId: "group-1",
      scopeName: "情報共有部会",
    });
    expect(form.scopes.group).toEqual([{ id: "group-1", name: "情報共有部会" }]);
  });

  it("refuses an invitation from someone who is not the secretariat", async () => {
    await expect(
      inviteUser(s.accounts, anonymous, { email: "x@example.jp", name: "x", role: "member", scopeId: "o" }),
    ).rejects.toMatchObject({ code: "unauthenticated" });
  });

  it("authenticates API tokens by hash until revoked", async () => {
    const system = { kind: "system" as const, name: "test" };
    const { id, token } = await createApiToken(s.accounts, system, { name: "automation", role: "secretariat" });
    expect(token.startsWith("chiiki_")).toBe(true);
    expect(await authenticateApiToken(s.accounts, token)).toMatchObject({
      kind: "token",
      grants: [{ role: "secretariat" }],
    });
    await revokeApiToken(s.accounts, system, id);
    expect(await authenticateApiToken(s.accounts, token)).toBeNull();
    expect(await resolveActor(s.accounts, new Headers({ authorization: `Bearer ${token}` }))).toBe("invalid-token");
  });
});
