/**
 * Two app processes over one PostgreSQL database, as behind a load balancer: sessions, the
 * installation state and the mail outbox live in the database, not in either process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, startAppServer, type AppServer } from "../support/server.ts";
import { startSmtpServer, type SmtpServer } from "../support/smtp.ts";
import { enrolTotp, firstRun, HttpSession, invite } from "./http-session.ts";
import { seedScopes } from "../support/scopes.ts";

const account = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "hanako@nagasaki-security.example.jp",
  password: "出島の夜景は百万ドル 2021",
};

describe.skipIf(!process.env.TEST_DATABASE_URL)("two app processes on one PostgreSQL database", () => {
  let smtp: SmtpServer;
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let a: AppServer;
  let b: AppServer;
  const state: { session?: HttpSession } = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    database = await createPostgresDatabase();
    // Started together, so both run the migrations at once on the empty database.
    [a, b] = await Promise.all([
      startAppServer({ databaseUrl: database.url, smtpUrl: smtp.url }),
      startAppServer({ databaseUrl: database.url, smtpUrl: smtp.url }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
    await smtp?.stop();
  });

  it("both serve, and both lead an empty installation to the first-run page", async () => {
    for (const app of [a, b]) {
      expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
      const home = await fetch(app.baseUrl, { redirect: "manual" });
      expect(home.headers.get("location")).toBe("/setup");
    }
  });

  it("after the first run on A, B refuses another", async () => {
    state.session = await firstRun(a.baseUrl, account);
    const page = await fetch(`${b.baseUrl}/setup`, { redirect: "manual" });
    expect(page.headers.get("location")).toBe("/sign-in");
    const again = await fetch(`${b.baseUrl}/setup`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: b.baseUrl },
      body: new URLSearchParams({ ...account, email: "intruder@example.jp" }),
    });
    // Refused: the installed app's setup page only sends visitors to sign in.
    expect([again.status, again.headers.get("location")]).toEqual([302, "/sign-in"]);
    const users = await a.db().selectFrom("user").select("email").execute();
    expect(users).toEqual([{ email: account.email }]);
  });

  it("a session created through A is valid on B, and signing out on B ends it on A", async () => {
    const me = await state.session!.on(b.baseUrl).get("/api/v1/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ kind: "user", email: account.email, twoFactorEnabled: false });

    const totp = await enrolTotp(state.session!, account.password);
    expect(await (await state.session!.on(b.baseUrl).get("/api/v1/me")).json()).toMatchObject({
      twoFactorEnabled: true,
    });

    // Password on A, the TOTP code on B: the half-finished sign-in lives in the database too.
    const second = new HttpSession(a.baseUrl);
    const password = await second.post("/sign-in", {
      email: account.email,
      password: account.password,
      redirectTo: "/",
    });
    expect(password.headers.get("location")).toMatch(/^\/sign-in\/two-factor/);
    const onB = second.on(b.baseUrl);
    const code = await onB.post("/sign-in/two-factor", { code: totp.generate(), redirectTo: "/" });
    expect(code.status).toBe(302);
    const signedIn = onB.on(a.baseUrl);
    expect((await signedIn.get("/api/v1/me")).status).toBe(200);

    expect((await onB.post("/sign-out", {})).status).toBe(302);
    expect((await signedIn.get("/api/v1/me")).status).toBe(401);
    // The first session is untouched.
    expect((await state.session!.get("/api/v1/me")).status).toBe(200);
  });

  it("100 concurrent invitations split across both processes deliver 100 mails, each once", async () => {
    const session = state.session!;
    const sessions = [session, session.on(b.baseUrl)];
    const invitees = Array.from({ length: 100 }, (_, i) => ({
      email: `member${i}@example.jp`,
      name: `会員 ${i}`,
      organisation: `org-${i % 7}`,
    }));
    await seedScopes(a.db(), {
      organisations: Array.from({ length: 7 }, (_, i) => [`org-${i}`, `会員企業${i}`] as [string, string]),
    });
    await Promise.all(invitees.map((person, i) => invite(sessions[i % 2]!, person)));

    const received = await smtp.waitForMessages(100, 60_000);
    await expect
      .poll(async () => (await a.readOutbox()).every((m) => m.status === "sent"), { timeout: 30_000 })
      .toBe(true);
    const outbox = await a.readOutbox();
    expect(outbox).toHaveLength(100);
    expect(outbox.every((m) => m.attempts === 1)).toBe(true);
    const ids = (await smtp.messages()).map((m) => m.messageId);
    expect(ids).toHaveLength(100);
    expect(new Set(ids)).toEqual(new Set(outbox.map((m) => m.message_id)));
    expect(new Set(received.map((m) => m.to))).toEqual(new Set(invitees.map((p) => p.email)));
  });
});
