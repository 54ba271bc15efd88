/**
 * The outbox worker yields to requests: while the process says it is busy, mail waits — but
 * never longer than the hold, so a server that stays busy still sends.
 */
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { systemClock } from "../shared/clock.ts";
import { enqueueMail } from "./enqueue-mail.ts";
import { startOutboxWorker } from "./outbox-worker.ts";
import type { MailEnvelope, MailTransport } from "./transports.ts";

function recordingTransport(): MailTransport & { sent: { to: string; at: number }[] } {
  const sent: { to: string; at: number }[] = [];
  return {
    sent,
    send: async (mail: MailEnvelope) => void sent.push({ to: mail.to, at: performance.now() }),
    close: () => {},
  };
}

const until = async (condition: () => boolean, ms = 5000) => {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe.each(testDatabases)("outbox worker on %s", (kind) => {
  const t = useTestDatabase(kind);
  const options = () => ({
    db: t.db,
    clock: systemClock,
    from: "事務局 <no-reply@chiiki.example.jp>",
    intervalMs: 60_000,
  });

  /** One mail queued to `to`, a worker started with `busy` and `holdMs`, `check` run, the worker stopped. */
  const withOneMail = async (
    to: string,
    worker: { busy: () => boolean; holdMs: number },
    check: (sent: { to: string; at: number }[], started: number) => Promise<void>,
  ) => {
    await enqueueMail(t.db, systemClock, { to, subject: "申込受付", text: "受け付けました。" });
    const transport = recordingTransport();
    const started = performance.now();
    const running = startOutboxWorker({ ...options(), transport, workerId: `w-${to}`, ...worker });
    try {
      await check(transport.sent, started);
    } finally {
      await running.stop();
    }
  };

  it("holds mail while the process is busy and sends it as soon as the burst is over", async () => {
    let busy = true;
    await withOneMail("a@example.jp", { busy: () => busy, holdMs: 60_000 }, async (sent) => {
      await new Promise((r) => setTimeout(r, 300));
      expect(sent).toEqual([]);
      const calm = performance.now();
      busy = false;
      await until(() => sent.length === 1);
      expect(sent[0]!.to).toBe("a@example.jp");
      expect(sent[0]!.at - calm).toBeLessThan(1000);
    });
  });

  it("sends anyway once a batch has waited its hold, so a server that stays busy still mails", async () => {
    await withOneMail("b@example.jp", { busy: () => true, holdMs: 400 }, async (sent, started) => {
      await until(() => sent.length === 1);
      expect(sent[0]!.at - started).toBeGreaterThanOrEqual(390);
    });
  });

  it("does not wait when the process is idle", async () => {
    await withOneMail("c@example.jp", { busy: () => false, holdMs: 60_000 }, async (sent, started) => {
      await until(() => sent.length === 1);
      expect(sent[0]!.at - started).toBeLessThan(1000);
    });
  });
});
