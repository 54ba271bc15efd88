/**
 * Outbox delivery against a real SMTP server in another process (tests/support/smtp.ts), on
 * both databases: what arrives, retries and bounces, and "exactly once" under competing workers
 * and a worker that vanished mid-delivery.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { KyselyPlugin, RootOperationNode } from "kysely";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, migrateToLatest, type Database } from "../../db/create-db.ts";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { startSmtpServer, type SmtpServer } from "../../tests/support/smtp.ts";
import { fixedClock, systemClock } from "../shared/clock.ts";
import { deliverDueMail, retryDelayMs } from "./deliver-due-mail.ts";
import { startOutboxWorker } from "./outbox-worker.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { createSmtpTransport, type MailTransport } from "./transports.ts";

const FROM = "長崎地域SECURITY 事務局 <no-reply@chiiki.example.jp>";
const MINUTE = 60_000;

/** Is this the UPDATE that records messages as sent (the only one that sets `sent_at`)? */
function isSentMark(node: RootOperationNode): boolean {
  return (
    node.kind === "UpdateQueryNode" && (node.updates ?? []).some((u) => (u.column as any).column?.name === "sent_at")
  );
}

/** Is this the UPDATE that claims messages (the only one that sets `locked_by` to a worker)? */
function isClaim(node: RootOperationNode): boolean {
  return (
    node.kind === "UpdateQueryNode" && (node.updates ?? []).some((u) => (u.column as any).column?.name === "attempts")
  );
}

/** Counts the sent-mark UPDATEs, and makes the first `failures` of them fail as a busy database would. */
function sentMarkSpy(failures = 0): KyselyPlugin & { writes: number; failed: number } {
  const spy = {
    writes: 0,
    failed: 0,
    transformQuery({ node }: { node: RootOperationNode }) {
      if (isSentMark(node)) {
        if (spy.failed < failures) {
          spy.failed++;
          throw new Error("database is locked");
        }
        spy.writes++;
      }
      return node;
    },
    async transformResult({ result }: { result: any }) {
      return result;
    },
  };
  return spy;
}

describe.each(testDatabases)("SMTP delivery on %s", (kind) => {
  const t = useTestDatabase(kind);
  let smtp: SmtpServer;
  const transports: MailTransport[] = [];

  const smtpTransport = () => {
    const transport = createSmtpTransport(smtp.url);
    transports.push(transport);
    return transport;
  };
  const outboxRow = (id: string) =>
    t.db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

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
    const text =
      "長崎 花子 様\n\n令和3年1月27日(水)のセミナーにご登録いただきありがとうございます。\n会場: 出島メッセ長崎 3階 会議室\nhttps://chiiki.example.jp/events/1";
    const queued = await enqueueMail(
      t.db,
      clock,
      { to: "hanako@example.jp", subject: "【長崎地域SECURITY】セミナー参加登録のお知らせ", text },
      "chiiki.example.jp",
    );

    const outcome = await deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "w1" });

    expect(outcome).toEqual({ sent: 1, failed: 0, retried: 0 });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      sent_at: "2021-01-27T01:00:00.000Z",
      last_error: null,
      locked_by: null,
    });
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
    const queued = await enqueueMail(t.db, clock, {
      to: "retry@example.jp",
      subject: "再送テスト",
      text: "一時的な失敗のあとで届きます。",
    });
    await smtp.setMode("tempfail", { times: 1 });

    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 1 });
    let row = await outboxRow(queued!.id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 1,
      next_attempt_at: "2021-01-27T01:01:00.000Z",
      locked_by: null,
    });
    expect(row.last_error).toMatch(/451/);

    // Not due yet: nothing is attempted a second before the backoff ends.
    clock.advance(retryDelayMs(1) - 1000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 0 });

    // The relay now cuts the connection mid-message: still temporary, the next wait is longer.
    await smtp.setMode("drop", { times: 1 });
    clock.advance(1000);
    expect(await deliver()).toEqual({ sent: 0, failed: 0, retried: 1 });
    row = await outboxRow(queued!.id);
    expect(row).toMatchObject({
      status: "pending",
      attempts: 2,
      next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(2)).toISOString(),
    });
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
    const queued = await enqueueMail(t.db, clock, {
      to: "bounce@example.jp",
      subject: "宛先不明",
      text: "届きません。",
    });
    await smtp.setMode("reject", { times: 1 });

    expect(await deliverDueMail({ db: t.db, clock, transport, from: FROM, workerId: "w1" })).toEqual({
      sent: 0,
      failed: 1,
      retried: 0,
    });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1, sent_at: null });
    expect(row.last_error).toMatch(/550/);

    clock.advance(7 * 24 * 60 * MINUTE);
    expect(await deliverDueMail({ db: t.db, clock, transport, from: FROM, workerId: "w1" })).toEqual({
      sent: 0,
      failed: 0,
      retried: 0,
    });
    expect(await outboxRow(queued!.id)).toMatchObject({ status: "failed", attempts: 1 });
    expect(await smtp.messages()).toEqual([]);
  });

  it("a message claimed by a worker that vanished is sent by another once the lease lapses", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = await enqueueMail(t.db, clock, {
      to: "lease@example.jp",
      subject: "リース切れ",
      text: "別のワーカーが送ります。",
    });
    // Worker A claims the message and then never gets further (its process is gone).
    const vanished: MailTransport = { send: () => new Promise<void>(() => {}), close: () => {} };
    void deliverDueMail({
      db: t.db,
      clock,
      transport: vanished,
      from: FROM,
      workerId: "worker-a",
      leaseMs: 5 * MINUTE,
    });
    await expect.poll(async () => (await outboxRow(queued!.id)).status).toBe("sending");
    expect(await outboxRow(queued!.id)).toMatchObject({ locked_by: "worker-a", attempts: 1 });

    const workerB = () =>
      deliverDueMail({
        db: t.db,
        clock,
        transport: smtpTransport(),
        from: FROM,
        workerId: "worker-b",
        leaseMs: 5 * MINUTE,
      });
    clock.advance(5 * MINUTE - 1000);
    expect(await workerB()).toEqual({ sent: 0, failed: 0, retried: 0 });

    clock.advance(2000);
    expect(await workerB()).toEqual({ sent: 1, failed: 0, retried: 0 });
    const row = await outboxRow(queued!.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2, locked_by: null });
    const received = await smtp.waitForMessages(1);
    expect(received.map((m) => m.messageId)).toEqual([row.message_id]);
  });

  it("marks what the server accepted as sent in a few writes, before returning, while others fail", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = [];
    for (let i = 0; i < 30; i++)
      queued.push(
        (await enqueueMail(t.db, clock, { to: `m${i}@example.jp`, subject: `お知らせ ${i}`, text: `本文 ${i}` }))!.id,
      );
    await smtp.setMode("tempfail", { times: 5 });
    const spy = sentMarkSpy();

    const outcome = await deliverDueMail({
      db: t.db.withPlugin(spy),
      clock,
      transport: smtpTransport(),
      from: FROM,
      workerId: "w1",
      batchSize: 10,
    });

    expect(outcome).toEqual({ sent: 25, failed: 0, retried: 5 });
    const rows = await t.db
      .selectFrom("outbox_messages")
      .select(["message_id", "status", "attempts", "last_error"])
      .execute();
    expect(rows.filter((r) => r.status === "sending")).toEqual([]);
    expect(rows.filter((r) => r.status === "pending").map((r) => r.last_error)).toEqual(
      Array(5).fill(expect.stringMatching(/451/)),
    );
    const received = (await smtp.waitForMessages(25)).map((m) => m.messageId);
    expect(new Set(received)).toEqual(new Set(rows.filter((r) => r.status === "sent").map((r) => r.message_id)));
    expect(received).toHaveLength(25);
    // Grouped, not one UPDATE (and one commit) per message.
    expect(spy.writes).toBeGreaterThan(0);
    expect(spy.writes).toBeLessThanOrEqual(5);
  });

  it("keeps sent marks whose write failed and writes them before returning", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    for (let i = 0; i < 12; i++)
      await enqueueMail(t.db, clock, { to: `busy${i}@example.jp`, subject: "書き込み失敗", text: `本文 ${i}` });
    const spy = sentMarkSpy(2);

    expect(
      await deliverDueMail({
        db: t.db.withPlugin(spy),
        clock,
        transport: smtpTransport(),
        from: FROM,
        workerId: "w1",
        markEvery: 4,
      }),
    ).toMatchObject({ sent: 12 });

    expect(spy.failed).toBe(2);
    const rows = await t.db.selectFrom("outbox_messages").select(["status", "sent_at"]).execute();
    expect(rows).toEqual(Array(12).fill({ status: "sent", sent_at: "2021-01-27T01:00:00.000Z" }));
    expect(await smtp.waitForMessages(12)).toHaveLength(12);
  });

  it("fails loudly when sent marks cannot be written at all, leaving the messages leased", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = await enqueueMail(t.db, clock, {
      to: "down@example.jp",
      subject: "DB停止",
      text: "送信済みを書けません。",
    });

    await expect(
      deliverDueMail({
        db: t.db.withPlugin(sentMarkSpy(Infinity)),
        clock,
        transport: smtpTransport(),
        from: FROM,
        workerId: "w1",
      }),
    ).rejects.toThrow(/database is locked/);

    // Sent, but not recorded: the lease keeps it from being sent again until it lapses (ADR 004).
    expect(await outboxRow(queued!.id)).toMatchObject({ status: "sending", locked_by: "w1" });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it("tries a claim again when the database rejected it (a deadlock victim is rolled back whole)", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    for (let i = 0; i < 5; i++)
      await enqueueMail(t.db, clock, { to: `victim${i}@example.jp`, subject: "デッドロック", text: `本文 ${i}` });
    let rejected = 0;
    const deadlockOnce: KyselyPlugin = {
      transformQuery({ node }) {
        if (isClaim(node) && rejected++ === 0) throw new Error("deadlock detected");
        return node;
      },
      transformResult: async ({ result }) => result,
    };

    expect(
      await deliverDueMail({
        db: t.db.withPlugin(deadlockOnce),
        clock,
        transport: smtpTransport(),
        from: FROM,
        workerId: "w1",
      }),
    ).toEqual({ sent: 5, failed: 0, retried: 0 });

    expect(rejected).toBeGreaterThan(1);
    const rows = await t.db.selectFrom("outbox_messages").select(["status", "attempts"]).execute();
    expect(rows).toEqual(Array(5).fill({ status: "sent", attempts: 1 }));
    expect(await smtp.waitForMessages(5)).toHaveLength(5);
  });

  it("never starts sending a message whose lease is about to lapse; it gives it back and claims it anew", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    for (let i = 0; i < 3; i++)
      await enqueueMail(t.db, clock, { to: `slow${i}@example.jp`, subject: "遅いリレー", text: `本文 ${i}` });
    const inner = smtpTransport();
    const leaseLeftAtSend: number[] = [];
    // Each message takes the relay four and a half minutes of a five-minute lease.
    const slow: MailTransport = {
      async send(mail) {
        const row = await t.db
          .selectFrom("outbox_messages")
          .select("locked_until")
          .where("message_id", "=", mail.messageId)
          .executeTakeFirstOrThrow();
        leaseLeftAtSend.push(new Date(row.locked_until!).getTime() - clock.now().getTime());
        await inner.send(mail);
        clock.advance(4.5 * MINUTE);
      },
      close: () => {},
    };

    expect(
      await deliverDueMail({
        db: t.db,
        clock,
        transport: slow,
        from: FROM,
        workerId: "w1",
        concurrency: 1,
        leaseMs: 5 * MINUTE,
      }),
    ).toEqual({ sent: 3, failed: 0, retried: 0 });

    expect(leaseLeftAtSend).toHaveLength(3);
    for (const left of leaseLeftAtSend) expect(left).toBeGreaterThanOrEqual(MINUTE);
    const rows = await t.db.selectFrom("outbox_messages").select(["status", "attempts"]).execute();
    // Given back untouched: a release does not count as an attempt.
    expect(rows).toEqual(Array(3).fill({ status: "sent", attempts: 1 }));
    expect(await smtp.waitForMessages(3)).toHaveLength(3);
  });

  it("a stopping worker claims nothing more, finishes what it holds and records it", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    for (let i = 0; i < 300; i++)
      await enqueueMail(t.db, clock, { to: `stop${i}@example.jp`, subject: "停止", text: `本文 ${i}` });
    const delivered: string[] = [];
    let firstDelivered!: () => void;
    const first = new Promise<void>((resolve) => (firstDelivered = resolve));
    const slow: MailTransport = {
      send: async (mail) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        delivered.push(mail.messageId);
        firstDelivered();
      },
      close: () => {},
    };
    const worker = startOutboxWorker({
      db: t.db,
      clock,
      transport: slow,
      from: FROM,
      workerId: "w1",
      batchSize: 20,
      intervalMs: 60_000,
    });
    await first;

    await worker.stop();

    const rows = await t.db.selectFrom("outbox_messages").select(["message_id", "status", "attempts"]).execute();
    expect(rows.filter((r) => r.status === "sending")).toEqual([]);
    const sent = rows.filter((r) => r.status === "sent");
    expect(new Set(sent.map((r) => r.message_id))).toEqual(new Set(delivered));
    // It stopped claiming: at most the batch in hand and the one claimed ahead were sent.
    expect(sent.length).toBeLessThanOrEqual(60);
    expect(rows.filter((r) => r.status === "pending").every((r) => r.attempts === 0)).toBe(true);
  });

  it("a worker that outlived its lease cannot undo the delivery another worker made", async () => {
    const clock = fixedClock("2021-01-27T01:00:00.000Z");
    const queued = await enqueueMail(t.db, clock, {
      to: "slow@example.jp",
      subject: "遅いワーカー",
      text: "一度だけ届きます。",
    });
    // Worker A hangs on a relay that answers only much later, with a failure.
    let failLate!: (error: Error) => void;
    const hanging: MailTransport = {
      send: () => new Promise<void>((_, reject) => (failLate = reject)),
      close: () => {},
    };
    const workerA = deliverDueMail({
      db: t.db,
      clock,
      transport: hanging,
      from: FROM,
      workerId: "worker-a",
      leaseMs: 5 * MINUTE,
    });
    await expect.poll(async () => (await outboxRow(queued!.id)).status).toBe("sending");

    clock.advance(5 * MINUTE + 1000);
    expect(
      await deliverDueMail({ db: t.db, clock, transport: smtpTransport(), from: FROM, workerId: "worker-b" }),
    ).toMatchObject({ sent: 1 });
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
      const opened = createDb({ sqliteFile: path.join(dir, "race.sqlite") });
      await migrateToLatest(opened.root);
      // Mail is queued by a community's services (ADR 035); the workers read every community's.
      first = scopeDatabase(opened, (await firstCommunity(opened.root)).id);
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
      const queued = await enqueueMail(first.db, clock, {
        to: `member${i}@example.jp`,
        subject: `お知らせ ${i}`,
        text: `会員各位 (${i})`,
      });
      queuedIds.push(queued!.id);
    }
    const worker = async (database: Database, workerId: string) => {
      const transport = createSmtpTransport(smtp.url);
      let sent = 0;
      try {
        for (;;) {
          const outcome = await deliverDueMail({
            db: database.db,
            clock,
            transport,
            from: FROM,
            workerId,
            batchSize: 20,
          });
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

  it.runIf(kind === "postgres")(
    "a claim passes over messages another worker is claiming instead of waiting for them",
    async () => {
      const clock = systemClock;
      const held: string[] = [];
      for (let i = 0; i < 10; i++) {
        const queued = await enqueueMail(first.db, clock, {
          to: `skip${i}@example.jp`,
          subject: `順番 ${i}`,
          text: `本文 ${i}`,
        });
        if (i < 4) held.push(queued!.id);
      }
      // Another worker's claim, caught in the middle: it holds the four oldest rows.
      let release!: () => void;
      let holding!: () => void;
      const isHolding = new Promise<void>((resolve) => (holding = resolve));
      const other = second.db.transaction().execute(async (trx) => {
        await trx.selectFrom("outbox_messages").select("id").where("id", "in", held).forUpdate().execute();
        holding();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isHolding;
      const transport = createSmtpTransport(smtp.url);
      try {
        expect(
          await deliverDueMail({ db: first.db, clock, transport, from: FROM, workerId: "worker-1" }),
        ).toMatchObject({ sent: 6 });
        const rows = await first.db
          .selectFrom("outbox_messages")
          .select(["id", "status"])
          .where("to_address", "like", "skip%")
          .execute();
        expect(
          rows
            .filter((r) => r.status === "pending")
            .map((r) => r.id)
            .sort(),
        ).toEqual(held.toSorted());
        release();
        await other;
        expect(
          await deliverDueMail({ db: first.db, clock, transport, from: FROM, workerId: "worker-1" }),
        ).toMatchObject({ sent: 4 });
      } finally {
        release?.();
        transport.close();
      }
    },
  );
});
