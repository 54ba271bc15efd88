/**
 * "Never sent twice, never lost on restart" with a real SMTP relay: the app process is killed
 * with SIGKILL while one invitation mail is in flight and more are waiting, then started again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../support/databases.ts";
import { startAppServer, type AppServer } from "../support/server.ts";
import { startSmtpServer, type SmtpServer } from "../support/smtp.ts";
import { enrolTotp, firstRun, invite } from "./http-session.ts";
import { seedScopes } from "../support/scopes.ts";

const account = {
  community: "長崎地域SECURITY",
  name: "長崎 花子",
  email: "hanako@nagasaki-security.example.jp",
  password: "出島の夜景は百万ドル 2021",
};
const invitees = Array.from({ length: 10 }, (_, i) => ({
  email: `member${i}@sasebo-tech.example.jp`,
  name: `会員 ${i}号`,
  organisation: "org-sasebo-tech",
}));

describe.each(testDatabases)("kill -9 with mail in flight (%s)", (database) => {
  let smtp: SmtpServer;
  let app: AppServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    app = await startAppServer({ database, smtpUrl: smtp.url, rateLimits: false });
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.stop();
  });

  it("delivers every queued mail exactly once after a restart", async () => {
    const session = await firstRun(app.baseUrl, account);
    await enrolTotp(session, account.password);
    await seedScopes(app.db(), { organisations: [[invitees[0]!.organisation, "佐世保テック株式会社"]] });

    // The relay takes the first message and never answers: the worker is stuck mid-delivery,
    // so the other invitations wait in the outbox.
    await smtp.setMode("hold", { times: 1 });
    await invite(session, invitees[0]!);
    await smtp.waitUntilHolding(1);
    for (const person of invitees.slice(1)) await invite(session, person);
    const before = await app.readOutbox();
    expect(before.map((m) => m.status).sort()).toEqual([...Array(9).fill("pending"), "sending"]);

    await app.kill9();

    // The dead process's claim holds until its lease lapses; let those five minutes pass.
    await app
      .db()
      .updateTable("outbox_messages")
      .set({ locked_until: new Date(Date.now() - 1000).toISOString() })
      .where("status", "=", "sending")
      .execute();
    await app.restart();

    const received = await smtp.waitForMessages(invitees.length, 30_000);
    await expect
      .poll(async () => (await app.readOutbox()).every((m) => m.status === "sent"), { timeout: 15_000 })
      .toBe(true);
    const after = await app.readOutbox();
    const receivedIds = (await smtp.messages()).map((m) => m.messageId);
    expect(receivedIds).toHaveLength(invitees.length);
    expect(new Set(receivedIds)).toEqual(new Set(after.map((m) => m.message_id)));
    expect(new Set(received.map((m) => m.to))).toEqual(new Set(invitees.map((p) => p.email)));
    expect(after.find((m) => m.id === before.find((b) => b.status === "sending")!.id)).toMatchObject({
      status: "sent",
      attempts: 2,
    });
    for (const message of received) expect(message.subject).toBe("【長崎地域SECURITY】ご招待");
  });
});
