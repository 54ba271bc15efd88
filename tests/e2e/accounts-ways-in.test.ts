/**
 * Issue 13, items 1, 2, 6 and 11, against the running built app over HTTP, as an attacker who
 * reads a mailbox and as the account's owner: an invitation mailed to an existing secretariat
 * account with TOTP gives no session until password *and* code; a magic link for a member with
 * TOTP leads to the code, not into the account; Better Auth's own endpoints other than the mailed
 * links answer 404; one address gets a bounded number of sign-in mails.
 */
import type * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.ts";
import { linkIn, useAppServer } from "../support/server.ts";
import { enrolTotp, firstRun, HttpSession } from "./http-session.ts";
import { seedInvitationScopes } from "../support/scopes.ts";

const admin = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "hanako@nagasaki-security.example.jp",
  password: "出島の夜景は百万ドル 2021",
};
const member = { name: "佐世保 太郎", email: "taro@sasebo-tech.example.jp", password: "佐世保バーガーは大きい 2021" };

/** A code from a later time step than any used so far (a used code may be refused as a replay). */
const freshCode = (totp: OTPAuth.TOTP) => totp.generate({ timestamp: Date.now() + 30_000 });

function hasSession(response: Response): boolean {
  return response.headers.getSetCookie().some((c) => /^chiiki\.session_token=[^;]+/.test(c) && !/max-age=0/i.test(c));
}

describe.each(testDatabases)("every way in asks for the second factor (%s)", (database) => {
  const app = useAppServer({ database });
  const state: { admin?: HttpSession; totp?: OTPAuth.TOTP; invitation?: string } = {};

  const sessionsOf = async (email: string) => {
    const user = await app.db().selectFrom("user").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    return (await app.db().selectFrom("session").select("id").where("userId", "=", user.id).execute()).length;
  };
  const me = (session: HttpSession) => session.get("/api/v1/me");

  it("the secretariat invites its own address (an existing account with TOTP) as a group lead", async () => {
    state.admin = await firstRun(app.baseUrl, admin);
    state.totp = await enrolTotp(state.admin, admin.password);
    await seedInvitationScopes(app.db());
    const invited = await state.admin.post("/secretariat/invitations", {
      email: admin.email,
      name: "誰か",
      role: "group-lead",
      scopeId: "group-1",
      locale: "ja",
    });
    expect(invited.status).toBe(200);
    state.invitation = new URL(
      linkIn(await app.latestMailTo(admin.email, { matching: /\/invite\// }), `${app.baseUrl}/invite/`),
    ).pathname;
  });

  it("whoever reads the mailbox opens the link and gets no session, by any button", async () => {
    const before = await sessionsOf(admin.email);
    const reader = new HttpSession(app.baseUrl);
    const page = await reader.get(state.invitation!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ログインして承諾する");
    expect(hasSession(page)).toBe(false);

    for (const fields of [
      {} as Record<string, string>,
      { newPassword: "mailbox reader 2021", passwordConfirm: "mailbox reader 2021" },
    ]) {
      const accepted = await reader.post(state.invitation!, fields);
      expect(accepted.status).toBe(401);
      expect(hasSession(accepted)).toBe(false);
    }
    expect((await me(reader)).status).toBe(401);
    expect(await sessionsOf(admin.email)).toBe(before);
    const grants = await app.db().selectFrom("role_grants").select("role").execute();
    expect(grants.map((g) => g.role)).toEqual(["secretariat"]);
  });

  it("the owner signs in: the password alone is no session; with the code the invitation is accepted", async () => {
    const owner = new HttpSession(app.baseUrl);
    const signIn = await owner.get(`/sign-in?redirectTo=${encodeURIComponent(state.invitation!)}`);
    expect(signIn.status).toBe(200);
    const password = await owner.post("/sign-in", {
      email: admin.email,
      password: admin.password,
      redirectTo: state.invitation!,
    });
    expect([password.status, password.headers.get("location")]).toEqual([
      302,
      `/sign-in/two-factor?redirectTo=${encodeURIComponent(state.invitation!)}`,
    ]);
    expect(hasSession(password)).toBe(false);
    expect((await me(owner)).status).toBe(401);
    expect(await (await owner.get(state.invitation!)).text()).toContain("ログインして承諾する");
    expect((await owner.post(state.invitation!, {})).status).toBe(401);

    const code = await owner.post("/sign-in/two-factor", {
      code: freshCode(state.totp!),
      redirectTo: state.invitation!,
    });
    expect([code.status, code.headers.get("location")]).toEqual([302, state.invitation]);
    expect(await (await me(owner)).json()).toMatchObject({ kind: "user", email: admin.email, twoFactorEnabled: true });
    expect(await (await owner.get(state.invitation!)).text()).toContain(`${admin.email} のアカウントで承諾する`);
    const accepted = await owner.post(state.invitation!, {});
    expect([accepted.status, accepted.headers.get("location")]).toEqual([302, "/account?welcome=1"]);
    const grants = await app.db().selectFrom("role_grants").select("role").orderBy("role").execute();
    expect(grants.map((g) => g.role)).toEqual(["group-lead", "secretariat"]);
  });

  it("a member with TOTP who follows a magic link is asked for the code before any session exists", async () => {
    await state.admin!.post("/secretariat/invitations", {
      email: member.email,
      name: member.name,
      role: "member",
      scopeId: "org-1",
      locale: "ja",
    });
    const link = linkIn(await app.latestMailTo(member.email, { matching: /\/invite\// }), `${app.baseUrl}/invite/`);
    const browser = new HttpSession(app.baseUrl);
    const accepted = await browser.post(new URL(link).pathname, {
      newPassword: member.password,
      passwordConfirm: member.password,
    });
    expect([accepted.status, accepted.headers.get("location")]).toEqual([302, "/account?welcome=1"]);
    const totp = await enrolTotp(browser, member.password);

    const stranger = new HttpSession(app.baseUrl);
    expect((await stranger.post("/sign-in/magic-link", { email: member.email })).status).toBe(200);
    const mailed = linkIn(
      await app.latestMailTo(member.email, { matching: /magic-link\/verify/ }),
      `${app.baseUrl}/api/auth/magic-link/verify`,
    );
    const opened = await stranger.get(new URL(mailed).pathname + new URL(mailed).search);
    expect([opened.status, opened.headers.get("location")]).toEqual([302, "/sign-in/two-factor?redirectTo=%2F"]);
    expect(hasSession(opened)).toBe(false);
    expect((await me(stranger)).status).toBe(401);
    expect((await stranger.post("/sign-in/two-factor", { code: "000000", redirectTo: "/" })).status).toBe(401);
    expect((await me(stranger)).status).toBe(401);

    const code = await stranger.post("/sign-in/two-factor", { code: freshCode(totp), redirectTo: "/" });
    expect([code.status, code.headers.get("location")]).toEqual([302, "/"]);
    expect(await (await me(stranger)).json()).toMatchObject({
      kind: "user",
      email: member.email,
      twoFactorEnabled: true,
    });
  });

  it("Better Auth's endpoints other than the mailed links answer 404 over HTTP, signed in or not", async () => {
    const json = (body: unknown) => ({
      method: "POST",
      headers: { "content-type": "application/json", origin: app.baseUrl, cookie: state.admin!.cookie },
      body: JSON.stringify(body),
    });
    for (const [path, body] of [
      ["/api/auth/update-user", { name: "事務局\r\nX: 1", image: "javascript:alert(1)" }],
      ["/api/auth/sign-in/magic-link", { email: member.email }],
      ["/api/auth/request-password-reset", { email: member.email }],
      ["/api/auth/sign-in/email", { email: admin.email, password: admin.password }],
      ["/api/auth/two-factor/disable", { password: admin.password }],
      ["/api/auth/change-email", { newEmail: "attacker@example.jp" }],
    ] as const) {
      const response = await fetch(`${app.baseUrl}${path}`, json(body));
      expect(response.status, path).toBe(404);
    }
    expect(
      (await fetch(`${app.baseUrl}/api/auth/get-session`, { headers: { cookie: state.admin!.cookie } })).status,
    ).toBe(404);
    expect((await fetch(`${app.baseUrl}/api/auth/ok`)).status).toBe(200);
    const user = await app
      .db()
      .selectFrom("user")
      .select(["name", "image"])
      .where("email", "=", admin.email)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ name: admin.name, image: null });
  });

  it("one address gets at most five sign-in mails in a quarter of an hour, however often the page is asked", async () => {
    const links = async () =>
      (await app.readOutbox()).filter((m) => m.to_address === member.email && /magic-link\/verify/.test(m.text_body))
        .length;
    const before = await links();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push((await new HttpSession(app.baseUrl).post("/sign-in/magic-link", { email: member.email })).status);
    expect(statuses).toContain(429);
    expect(await links()).toBeGreaterThan(before);
    expect(await links()).toBeLessThanOrEqual(5);
  });
});
