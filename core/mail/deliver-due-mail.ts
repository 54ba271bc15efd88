import { type Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { MailAttachment } from "./enqueue-mail.ts";
import { PermanentDeliveryError, type MailTransport } from "./transports.ts";

export interface DeliveryOptions {
  db: Kysely<DB>;
  clock: Clock;
  transport: MailTransport;
  from: string;
  /** Identifies this process in `locked_by`, for diagnosis. */
  workerId: string;
  batchSize?: number;
  /** How long a claimed message stays ours; a worker that dies releases it by letting it lapse. */
  leaseMs?: number;
  maxAttempts?: number;
  /** Messages sent at the same time (nodemailer's SMTP pool keeps 5 connections). */
  concurrency?: number;
}

/** Retry delays after the 1st, 2nd, … failure: 1 min, 5 min, 30 min, 2 h, then 6 h. */
export function retryDelayMs(attempt: number): number {
  const minutes = [1, 5, 30, 120][attempt - 1] ?? 360;
  return minutes * 60_000;
}

/**
 * Delivers what is due, once per message: a message is claimed with a conditional UPDATE (only
 * one process can win it, on either database), sent, then marked sent. A process that crashes
 * after claiming leaves a lease that lapses, and the message is retried with the same
 * Message-ID. See docs/decisions/004-mail-outbox.md for the one narrow window this leaves.
 */
export async function deliverDueMail(options: DeliveryOptions): Promise<{ sent: number; failed: number; retried: number }> {
  const { db, clock, transport, workerId } = options;
  const batchSize = options.batchSize ?? 50;
  const concurrency = options.concurrency ?? 5;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const now = clock.now().toISOString();

  const candidates = await db
    .selectFrom("outbox_messages")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "sending"), eb("locked_until", "<", now)]),
      ]),
    )
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(batchSize)
    .execute();

  if (candidates.length === 0) return { sent: 0, failed: 0, retried: 0 };
  // One conditional UPDATE claims the whole batch: only rows still due change, so a row another
  // worker claimed in between is not returned here (one winner per message on either database).
  const lockedUntil = new Date(clock.now().getTime() + leaseMs).toISOString();
  const claims = await db
    .updateTable("outbox_messages")
    .set((eb) => ({ status: "sending", locked_by: workerId, locked_until: lockedUntil, attempts: eb("attempts", "+", 1) }))
    .where("id", "in", candidates.map((c) => c.id))
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "=", "pending"), eb("next_attempt_at", "<=", now)]),
        eb.and([eb("status", "=", "sending"), eb("locked_until", "<", now)]),
      ]),
    )
    .returningAll()
    .execute();

  const outcome = { sent: 0, failed: 0, retried: 0 };
  const deliverOne = async (claim: (typeof claims)[number]) => {
    const id = claim.id;

    try {
      await transport.send({
        from: options.from,
        to: claim.to_address,
        subject: claim.subject,
        text: claim.text_body,
        html: claim.html_body ?? undefined,
        headers: JSON.parse(claim.headers_json),
        messageId: claim.message_id,
        attachments: claim.attachments_json ? (JSON.parse(claim.attachments_json) as MailAttachment[]) : undefined,
      });
      await db
        .updateTable("outbox_messages")
        .set({ status: "sent", sent_at: clock.now().toISOString(), locked_by: null, locked_until: null, last_error: null })
        .where("id", "=", id)
        .execute();
      outcome.sent++;
    } catch (error) {
      const permanent = error instanceof PermanentDeliveryError || claim.attempts >= maxAttempts;
      const message = error instanceof Error ? error.message.slice(0, 500) : String(error);
      await db
        .updateTable("outbox_messages")
        .set({
          status: permanent ? "failed" : "pending",
          next_attempt_at: new Date(clock.now().getTime() + retryDelayMs(claim.attempts)).toISOString(),
          locked_by: null,
          locked_until: null,
          last_error: message,
        })
        .where("id", "=", id)
        // Only while the claim is still ours: a worker that outlived its lease must not re-queue
        // a message another worker has since sent.
        .where("status", "=", "sending")
        .where("locked_by", "=", workerId)
        .where("attempts", "=", claim.attempts)
        .execute();
      if (permanent) outcome.failed++;
      else outcome.retried++;
    }
  };

  // Several messages are in flight at once, as many as the SMTP pool has connections: one slow
  // round trip no longer holds up the rest of the batch.
  const queue = claims.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id));
  const lanes = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
    for (let claim = queue.shift(); claim !== undefined; claim = queue.shift()) await deliverOne(claim);
  });
  await Promise.all(lanes);
  return outcome;
}
