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
  return { sent, send: async (mail: MailEnvelope) => void sent.push({ to: mail.to, at: performance.now() }), close: () => {} };
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
  const options = () => ({ db: t.db, clock: systemClock, from: "事務局 <no-reply@chiiki.example.jp>", intervalMs: 60_000 });

  it("holds mail while the process is busy and sends it as soon as the burst is over", async () => {
    await enqueueMail(t.db, systemClock, { to: "a@example.jp", subject: "申込受付", text: "受け付けました。" });
    const transport = recordingTransport();
    let busy = true;
    const worker = startOutboxWorker({ ...options(), transport, workerId: "w-busy", busy: () => busy, holdMs: 60_000 });
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(transport.sent).toEqual([]);
      const calm = performance.now();
      busy = false;
      await until(() => transport.sent.length === 1);
      expect(transport.sent[0]!.to).toBe("a@example.jp");
      expect(transport.sent[0]!.at - calm).toBeLessThan(1000);
    } finally {
      await worker.stop();
    }
  });

  it("sends anyway once a batch has waited its hold, so a server that stays busy still mails", async () => {
    await enqueueMail(t.db, systemClock, { to: "b@example.jp", subject: "申込受付", text: "受け付けました。" });
    const transport = recordingTransport();
    const started = performance.now();
    const worker = startOutboxWorker({ ...options(), transport, workerId: "w-always-busy", busy: () => true, holdMs: 400 });
    try {
      await until(() => transport.sent.length === 1);
      expect(transport.sent[0]!.at - started).toBeGreaterThanOrEqual(390);
    } finally {
      await worker.stop();
    }
  });

  it("does not wait when the process is idle", async () => {
    await enqueueMail(t.db, systemClock, { to: "c@example.jp", subject: "申込受付", text: "受け付けました。" });
    const transport = recordingTransport();
    const started = performance.now();
    const worker = startOutboxWorker({ ...options(), transport, workerId: "w-idle", busy: () => false, holdMs: 60_000 });
    try {
      await until(() => transport.sent.length === 1);
      expect(transport.sent[0]!.at - started).toBeLessThan(1000);
    } finally {
      await worker.stop();
    }
  });
});
