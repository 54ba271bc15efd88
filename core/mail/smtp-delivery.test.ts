/**
 * Outbox delivery against a real SMTP server in another process (tests/support/smtp.ts), on
 * both databases: what arrives, retries and bounces, and "exactly once" under competing workers
 * and a worker that vanished mid-delivery.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrateToLatest, type Database } from "../../db/create-db.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { startSmtpServer, type SmtpServer } from "../../tests/support/smtp.ts";
import { fixedClock, systemClock } from "../shared/clock.ts";
import { deliverDueMail, retryDelayMs } from "./deliver-due-mail.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { createSmtpTransport, type MailTransport } from "./transports.ts";

const FROM = "長崎地域SECURITY 事務局 <no-reply@chiiki.example.jp>";
const MINUTE = 60_000;

describe.each(testDatabases)("SMTP delivery on %s", (kind) => {
  const t = useTestDatabase(kind);
  let smtp: SmtpServer;
  const transports: MailTransport[] = [];

  const smtpTransport = () => {
    const transport = createSmtpTransport(smtp.url);
    transports.push(transport);
    return transport;
  };
  const outboxRow = (id: string) => t.db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const transport of transports) transport.close();
    await smtp.stop();
  });
  afterEach(async () => {
    await smtp.setMode("accept");
    await smtp.clear();
    // Each test starts from an empty outbox, so "nothing is due" means what it says.
    await t.db.deleteFrom("outbox_messages").execute();
  });

  it("delivers From, To, Subject, Message-ID and Japanese text intact", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const text = "長崎 花子 様\n\n令和3年1月27日(水)のセミナーにご登録いただきありがとうございます。\n会場: 出島メッセ長崎 3階 会議室\nhttps://chiiki.example.jp/events/1";
    const queued = await enqueueMail(t.db, clock, { to: "hanako@example.jp", subject: "【長崎地域SECURITY】セミナー参加登録のお知らせ", text }, "chiiki.example.jp");

    const outcome = await deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "w1" });

    expect(outcome).toEqual({ sent: 1, failed: 0, retried: 0 });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 1, sent_at: "2021-01-27T01:00:00.000Z", last_error: null, locked_by: null });
    const [received, ...more] = await smtp.waitForMessages(1);
    expect(more).toEqual([]);
    expect(received).toMatchObject({
      envelopeFrom: "no-reply@chiiki.example.jp",
      envelopeTo: ["hanako@example.jp"],
      to: "hanako@example.jp",
      subject: "【長崎地域SECURITY】セミナー参加登録のお知らせ",
      messageId: row.message_id,
      text,
    });
    expect(received!.from).toContain("長崎地域SECURITY 事務局");
    expect(received!.from).toContain("<no-reply@chiiki.example.jp>");
    expect(row.message_id).toMatch(/^<.+@chiiki\.example\.jp>$/);
  });

  it("retries a temporary failure with growing backoff and then delivers it once", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const transport = smtpTransport();
    const deliver = () => deliverDueMail({ db: t.db, clock, transport, from: FROM, workerId: "w1" });
    const queued = await enqueueMail(t.db, clock, { to: "retry@example.jp", subject: "再送テスト", text: "一時的な失敗のあとで届きます。" });
    await smtp.setMode("tempfail", { times: 1 });

    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: "2021-01-27T01:01:00.000Z", locked_by: null });
    expect(row.last_error).toMatch(/451/);

    // Not due yet: nothing is attempted a second before the backoff ends.
    clock.advance(retryDelayMs(1) - 1000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 0 });

    // The relay now cuts the connection mid-message: still temporary, the next wait is longer.
    await smtp.setMode("drop", { times: 1 });
    clock.advance(1000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 1 });
    row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "pending", attempts: 2, next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(2)).toISOString() });
    expect(retryDelayMs(2)).toBeGreaterThan(retryDelayMs(1));

    clock.advance(retryDelayMs(2));
    expect(await deliver()).toEqual({ sent: 1, failed: 0, retried: 0 });
    row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 3, last_error: null });
    const received = await smtp.waitForMessages(1);
    expect(received.map((m) => m.messageId)).toEqual([row.message_id]);
    expect(received[0]!.text).toBe("一時的な失敗のあとで届きます。");
  });

  it("records a 5xx as failed with its error and never retries it", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const transport = smtpTransport();
    const queued = await enqueueMail(t.db, clock, { to: "bounce@example.jp", subject: "宛先不明", text: "届きません。" });
    await smtp.setMode("reject", { times: 1 });

    expect(await deliverDueMail({ db: t.db, clock, transport, from: FROM, workerId: "w1" })).toEqual({ sent: 0, failed: 1, retried: 0 });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/550/);

    clock.advance(7 * 24 * 60 * MINUTE);
    expect(await deliverDueMail({ db: t.db, clock, transport, from: FROM, workerId: "w1" })).toEqual({ sent: 0, failed: 0, retried: 0 });
    expect(await outboxRow(queued!.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await smtp.messages()).toEqual([]);
  });

  it("a message claimed by a worker that vanished is sent by another once the lease lapses", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = await enqueueMail(t.db, clock, { to: "lease@example.jp", subject: "リース切れ", text: "別のワーカーが送ります。" });
    // Worker A claims the message and then never gets further (its process is gone).
    const vanished: MailTransport = { send: () => new Promise<void>(() => {}), close: () => {} };
    void deliverDueMail({ db: t.db, clock, transport: vanished, from: FROM, workerId: "worker-a", leaseMs: 5 * MINUTE });
    await expect.poll(async () => (await outboxRow(queued!.id)).status).toBe("sending");
    expect(await outboxRow(queued!.id)).toMatchObject({ locked_by: "worker-a", attempts: 1 });

    const workerB = () => deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "worker-b", leaseMs: 5 * MINUTE });
    clock.advance(5 * MINUTE - 1000);
    expect(await workerB()).toEqual({ sent: 0, failed: 0, retried: 0 });

    clock.advance(2000);
    expect(await workerB()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, locked_by: null });
    const received = await smtp.waitForMessages(1);
    expect(received.map((m) => m.messageId)).toEqual([row.message_id]);
  });

  it("a worker that outlived its lease cannot undo the delivery another worker made", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = await enqueueMail(t.db, clock, { to: "slow@example.jp", subject: "遅いワーカー", text: "一度だけ届きます。" });
    // Worker A hangs on a relay that answers only much later, with a failure.
    let failLate!: (error: Error) => void;
    const hanging: MailTransport = { send: () => new Promise<void>((_, reject) => (failLate = reject)), close: () => {} };
    const workerA = deliverDueMail({ db: t.db, clock, transport: hanging, from: FROM, workerId: "worker-a", leaseMs: 5 * MINUTE });
    await expect.poll(async () => (await outboxRow(queued!.id)).status).toBe("sending");

    clock.advance(5 * MINUTE + 1000);
    expect(await deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "worker-b" })).toMatchObject({ sent: 1 });
    failLate(new Error("421 timed out"));
    await workerA;

    expect(await outboxRow(queued!.id)).toMatchObject({ status: "sent", last_error: null });
    clock.advance(24 * 60 * MINUTE);
    await deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "worker-b" });
    expect(await smtp.messages()).toHaveLength(1);
  });
});

describe.each(testDatabases)("two workers on %s, each with its own connection", (kind) => {
  let smtp: SmtpServer;
  let first: Database;
  let second: Database;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    if (kind === "sqlite") {
      // Two connections need one file (an in-memory database is private to its connection).
      const dir = mkdtempSync(path.join(tmpdir(), "chiiki-mail-race-"));
      first = createDb({ sqliteFile: path.join(dir, "race.sqlite") });
      await migrateToLatest(first.db);
      second = createDb({ sqliteFile: path.join(dir, "race.sqlite") });
      cleanup = async () => {
        await first.destroy();
        await second.destroy();
        rmSync(dir, { recursive: true, force: true });
      };
    } else {
      const { openTestDatabase } = await import("../../tests/support/databases.ts");
      const opened = await openTestDatabase("postgres");
      first = opened;
      second = createDb({ databaseUrl: opened.url, poolSize: 5 });
      cleanup = async () => {
        await second.destroy();
        await opened.cleanup();
      };
    }
  });
  afterAll(async () => {
    await cleanup?.();
    await smtp?.stop();
  });

  it("racing over 200 messages, they deliver each exactly once", async () => {
    const clock = systemClock;
    const queuedIds: string[] = [];
    for (let i = 0; i < 200; i++) {
      const queued = await enqueueMail(first.db, clock, { to: `member${i}@example.jp`, subject: `お知らせ ${i}`, text: `会員各位 (${i})` });
      queuedIds.push(queued!.id);
    }
    const worker = async (database: Database, workerId: string) => {
      const transport = createSmtpTransport(smtp.url);
      let sent = 0;
      try {
        for (;;) {
          const outcome = await deliverDueMail({ db: database.db, clock, transport, from: FROM, workerId, batchSize: 20 });
          sent += outcome.sent;
          if (outcome.sent + outcome.failed + outcome.retried === 0) return sent;
        }
      } finally {
        transport.close();
      }
    };

    const [sentByFirst, sentBySecond] = await Promise.all([worker(first, "worker-1"), worker(second, "worker-2")]);

    expect(sentByFirst + sentBySecond).toBe(200);
    const rows = await first.db.selectFrom("outbox_messages").select(["message_id", "status", "attempts"]).execute();
    expect(rows.filter((r) => r.status === "sent")).toHaveLength(200);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    const received = await smtp.waitForMessages(200);
    const ids = received.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(200);
    expect(ids).toHaveLength(200);
    expect(new Set(ids)).toEqual(new Set(rows.map((r) => r.message_id)));
  });
});
