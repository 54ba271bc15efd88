/**
 * An account mail belongs to the community it was asked from (account-mail-scope.ts): its outbox
 * (so its sender), its name in the subject and footer, and a link that leads back to its address,
 * its own host name included, where the session is then made. Both databases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { insertUser } from "../../tests/fixtures/rows.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import type { Services } from "../../server/services.ts";
import { createCommunity } from "../communities/create-community.ts";
import { systemClock } from "../shared/clock.ts";
import { requestMagicLink, requestPasswordReset } from "./request-account-mail.ts";

const cli = { kind: "system", name: "test" } as const;
const MEMBER = "member@saga.example.jp";

describe.each(testDatabases)("account mail in the community it was asked from on %s", (kind) => {
  const s = useTestServices(kind, { CHIIKI_RATE_LIMITS: "off" });
  let saga: Services;
  let kumamoto: Services;

  beforeAll(async () => {
    const deps = { root: s.database.root, clock: systemClock };
    saga = s.forCommunity(await createCommunity(deps, cli, { slug: "saga", name: "佐賀地域SECURITY" }));
    kumamoto = s.forCommunity(
      await createCommunity(deps, cli, { slug: "kumamoto", name: "熊本地域SECURITY", host: "kumamoto.example.jp" }),
    );
  });

  /** The member's account, then the mail `ask` queued for it, and the community whose outbox holds it. */
  async function mailAsked(ask: () => Promise<void>) {
    await insertUser(s.database.db, s.database.dialect, { name: "佐賀 太郎", email: MEMBER, twoFactorEnabled: false });
    await ask();
    return queuedMail();
  }

  /** The one message queued for the member, and the community whose outbox holds it. */
  async function queuedMail() {
    const rows = await s.database.root
      .selectFrom("outbox_messages")
      .select(["community_id", "subject", "text_body"])
      .where("to_address", "=", MEMBER)
      .execute();
    expect(rows).toHaveLength(1);
    const link = /https?:\/\/\S+/.exec(rows[0]!.text_body)![0];
    return { ...rows[0]!, link: new URL(link) };
  }

  it("a sign-in link asked for under /c/saga/ is Saga's mail and comes back to Saga's pages", async () => {
    const mail = await mailAsked(() => requestMagicLink(saga.accounts, { email: MEMBER }, new Headers()));
    expect(mail.community_id).toBe(saga.community.id);
    expect(mail.subject).toBe("【佐賀地域SECURITY】ログインリンク");
    expect(mail.text_body).toContain("このメールは 佐賀地域SECURITY から");
    expect(mail.link.origin).toBe(new URL(s.env.installationBaseUrl).origin);
    expect(mail.link.pathname).toBe("/api/auth/magic-link/verify");
    expect(mail.link.searchParams.get("callbackURL")).toBe(`${s.env.installationBaseUrl}/c/saga/`);
  });

  it("a community at its own host name gets links to that host, and following one makes the session there", async () => {
    const mail = await mailAsked(() => requestMagicLink(kumamoto.accounts, { email: MEMBER }, new Headers()));
    expect(mail.community_id).toBe(kumamoto.community.id);
    expect(mail.subject).toBe("【熊本地域SECURITY】ログインリンク");
    expect(mail.link.hostname).toBe("kumamoto.example.jp");
    // Following it: Better Auth verifies at the community's host, sets the cookie there and sends
    // the browser to the community's home, not the installation's.
    const answer = await s.auth.handler(new Request(mail.link, { redirect: "manual" }));
    expect(answer.status).toBe(302);
    expect(new URL(answer.headers.get("location")!).origin).toBe(new URL(kumamoto.env.baseUrl).origin);
    expect(answer.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(true);
  });

  it("a password reset asked for at the host name leads to that host's reset page", async () => {
    const mail = await mailAsked(() => requestPasswordReset(kumamoto.accounts, { email: MEMBER }, new Headers()));
    expect(mail.community_id).toBe(kumamoto.community.id);
    expect(mail.subject).toContain("熊本地域SECURITY");
    expect(mail.link.hostname).toBe("kumamoto.example.jp");
    const answer = await s.auth.handler(new Request(mail.link, { redirect: "manual" }));
    expect(answer.status).toBe(302);
    const next = new URL(answer.headers.get("location")!);
    expect(next.origin + next.pathname).toBe(`${kumamoto.env.baseUrl}/reset-password`);
    expect(next.searchParams.get("token")).toBeTruthy();
  });

  it("a link to an origin the installation does not serve is refused", async () => {
    const { link } = await mailAsked(() => requestMagicLink(kumamoto.accounts, { email: MEMBER }, new Headers()));
    link.searchParams.set("callbackURL", "https://evil.example/");
    const answer = await s.auth.handler(new Request(link, { redirect: "manual" }));
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.headers.getSetCookie().some((c) => c.includes("session_token="))).toBe(false);
  });
});
