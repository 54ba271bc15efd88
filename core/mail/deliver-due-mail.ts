import type { ExpressionBuilder, Kysely } from "kysely";
import { skipLocked } from "../../db/locking.ts";
import type { DB, Row } from "../../db/schema.ts";
import type { Clock } from "../shared/clock.ts";
import type { MailAttachment } from "./enqueue-mail.ts";
import { PermanentDeliveryError, type MailTransport } from "./transports.ts";

export interface DeliveryOptions {
  db: Kysely<DB>;
  clock: Clock;
  transport: MailTransport;
  /** The From of every message, or of each message by the community it belongs to. */
  from: string | ((communityId: string) => Promise<string>);
  /** Identifies this process in `locked_by`, for diagnosis. */
  workerId: string;
  /** Messages claimed by one UPDATE (default 200); the next batch is claimed when half of one has started. */
  batchSize?: number;
  /** How long a claimed message stays ours (default 5 min); a worker that dies releases it by letting it lapse. */
  leaseMs?: number;
  maxAttempts?: number;
  /**
   * Messages handed to the transport at the same time (default 10: twice the SMTP pool's 5
   * connections, so a connection that finishes a message finds the next one already waiting).
   */
  concurrency?: number;
  /**
   * Sent marks are written together, by one UPDATE: before each claim, once this many are waiting
   * (default 200)…
   */
  markEvery?: number;
  /** …or once the oldest has waited this long (default 250 ms), and before returning. */
  markDelayMs?: number;
  /** Checked before each claim: true stops claiming (the worker is stopping); what is claimed is finished. */
  shouldStop?: () => boolean;
}

/** Retry delays after the 1st, 2nd, … failure: 1 min, 5 min, 30 min, 2 h, then 6 h. */
export function retryDelayMs(attempt: number): number {
  const minutes = [1, 5, 30, 120][attempt - 1] ?? 360;
  return minutes * 60_000;
}

type Claim = Row<"outbox_messages">;

/**
 * Delivers what is due, once per message, until nothing is due: messages are claimed in batches
 * with a conditional UPDATE (only one process can win a message, on either database) — the next
 * batch while the current one is still being sent — sent with several in flight, then marked sent
 * in groups. A process that crashes after claiming leaves a lease that lapses, and the message is
 * retried with the same Message-ID. See docs/decisions/004-mail-outbox.md for the window this leaves.
 */
export async function deliverDueMail(
  options: DeliveryOptions,
): Promise<{ sent: number; failed: number; retried: number }> {
  const { db, clock, transport, workerId } = options;
  const batchSize = options.batchSize ?? 200;
  const concurrency = options.concurrency ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const marks = new SentMarks(db, clock, options.markEvery ?? 200, options.markDelayMs ?? 250);
  const outcome = { sent: 0, failed: 0, retried: 0 };

  // Claimed messages not yet started, oldest first. The next batch is claimed once half of this
  // one has started, so the connections never wait for a claim (a round trip to PostgreSQL).
  const queue: Claim[] = [];
  const claimBelow = Math.max(concurrency, Math.ceil(batchSize / 2));
  let nothingDue = false;
  let claiming: Promise<void> | null = null;
  // The first error of a claim or of recording an outcome: no more claims; reported at the end.
  let claimError: unknown = null;
  const scan: Scan = { claims: 0, after: null };
  let released = 0;
  const claimMore = (): Promise<void> => {
    if (claiming) return claiming;
    if (nothingDue || claimError || options.shouldStop?.()) return Promise.resolve();
    // Our own waiting sent marks are written first: a claim must never see a message we sent as
    // one whose lease lapsed.
    const releasedBefore = released;
    claiming = marks
      .flush()
      .then(() => claimDue(db, clock, workerId, batchSize, leaseMs, scan))
      .then((claimed) => {
        queue.push(...claimed);
        // A message given back meanwhile is due again, behind where this claim looked.
        if (released !== releasedBefore) scan.after = null;
        else if (claimed.length === 0) nothingDue = true;
      })
      .catch((error: unknown) => {
        claimError = error;
      })
      .finally(() => {
        claiming = null;
      });
    return claiming;
  };

  const deliverOne = async (claim: Claim) => {
    // A message whose lease ends before the server could answer would be claimed again by
    // another worker while we still send it: give it back untouched instead.
    if (new Date(claim.locked_until!).getTime() - clock.now().getTime() < Math.min(60_000, leaseMs / 5)) {
      await releaseClaim(db, workerId, claim);
      // It is due again: the next claim looks from the beginning and may take it.
      released++;
      nothingDue = false;
      scan.after = null;
      return;
    }
    try {
      const from = typeof options.from === "string" ? options.from : await options.from(claim.community_id);
      await transport.send({
        from,
        to: claim.to_address,
        subject: claim.subject,
        text: claim.text_body,
        html: claim.html_body ?? undefined,
        headers: JSON.parse(claim.headers_json),
        messageId: claim.message_id,
        attachments: claim.attachments_json ? (JSON.parse(claim.attachments_json) as MailAttachment[]) : undefined,
      });
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
        .where("id", "=", claim.id)
        // Only while the claim is still ours: a worker that outlived its lease must not re-queue
        // a message another worker has since sent.
        .where("status", "=", "sending")
        .where("locked_by", "=", workerId)
        .where("attempts", "=", claim.attempts)
        .execute();
      if (permanent) outcome.failed++;
      else outcome.retried++;
      return;
    }
    marks.add(claim.id);
    outcome.sent++;
  };

  const lane = async () => {
    try {
      for (;;) {
        if (queue.length < claimBelow) void claimMore();
        const claim = queue.shift();
        if (claim) {
          await deliverOne(claim);
          continue;
        }
        if (claiming) await claiming;
        else if (nothingDue || claimError || options.shouldStop?.()) return;
        else await claimMore();
      }
    } catch (error) {
      // The database refused to record a failure: claim nothing more; the other lanes finish
      // what is claimed, and the error is reported once they have.
      claimError ??= error;
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    // Whatever else went wrong, what the server accepted is recorded as sent before we return.
    await marks.close();
  }
  if (claimError) throw claimError;
  return outcome;
}

/**
 * "Still due", written as a CASE on purpose: SQLite plans the equivalent OR of two ANDs as a scan
 * of the `(status, next_attempt_at)` index — every pending row, for each claim — instead of
 * looking up the claimed ids by primary key.
 */
const stillDue = (now: string) => (eb: ExpressionBuilder<DB, "outbox_messages">) =>
  eb
    .case("status")
    .when("pending")
    .then(eb("next_attempt_at", "<=", now))
    .when("sending")
    .then(eb("locked_until", "<", now))
    .else(eb.lit(false))
    .end();

/** Where one delivery run is in the queue of pending messages (see `claimDue`). */
interface Scan {
  /** Claims so far; the first one also looks for lapsed leases. */
  claims: number;
  /** `next_attempt_at` of the last pending message claimed; everything before it was claimed. */
  after: string | null;
}

/**
 * Claims up to `limit` due messages: pending ones whose time has come, oldest first (the
 * `(status, next_attempt_at)` index yields them in order, so the pick stops after `limit`), and
 * ones whose lease lapsed. One UPDATE claims what its subquery picks; the pick skips rows another
 * worker is claiming at that moment (`skipLocked`: `FOR UPDATE SKIP LOCKED` on PostgreSQL, where
 * the picked rows are locked in index order, so claims neither deadlock nor wait for each other;
 * on SQLite the statement is atomic), and the UPDATE still requires each row to be due, so a
 * message has one winner on either database. Workers claiming at the same time thus take
 * disjoint batches instead of queuing on the same rows and finding them gone.
 *
 * Within one run the pending pick starts where the previous claim ended (`scan.after`): on
 * PostgreSQL every claimed row leaves a dead `pending` entry in that index until VACUUM, and
 * starting from the beginning each time would walk all of them — for every batch of a mailing.
 * A message that turns pending behind that point (given back, or committed late by another
 * process) is not lost: when nothing is left after it, the pick looks from the beginning, so a
 * run concludes that nothing is due only after looking there (and the next run starts there).
 */
async function claimDue(
  db: Kysely<DB>,
  clock: Clock,
  workerId: string,
  limit: number,
  leaseMs: number,
  scan: Scan,
): Promise<Claim[]> {
  const lookForLapsed = scan.claims++ === 0;
  for (let round = 0; ; round++) {
    const now = clock.now().toISOString();
    const lockedUntil = new Date(clock.now().getTime() + leaseMs).toISOString();
    const pending = (after: string | null, count: number) => {
      let pick = db
        .selectFrom("outbox_messages")
        .select("id")
        .where("status", "=", "pending")
        .where("next_attempt_at", "<=", now);
      if (after !== null) pick = pick.where("next_attempt_at", ">=", after);
      return pick.orderBy("next_attempt_at").limit(count);
    };
    const lapsed = (count: number) =>
      db
        .selectFrom("outbox_messages")
        .select("id")
        .where("status", "=", "sending")
        .where("locked_until", "<", now)
        .orderBy("locked_until")
        .limit(count);
    // The pick is a materialised CTE, run once: as an `IN (subquery … SKIP LOCKED)` PostgreSQL may
    // plan it as the inner side of a nested loop and run it again per row, each run skipping the
    // rows the last one locked, so a claim took every due message (seen once the community scope
    // added its predicate, ADR 035).
    const claim = (pick: ReturnType<typeof lapsed>) =>
      db
        .with(
          (cte) => cte("picked").materialized(),
          () => skipLocked(pick, db),
        )
        .updateTable("outbox_messages")
        .set((eb) => ({
          status: "sending",
          locked_by: workerId,
          locked_until: lockedUntil,
          attempts: eb("attempts", "+", 1),
        }))
        .where("id", "in", (eb) => eb.selectFrom("picked").select("picked.id"))
        .where(stillDue(now))
        .returningAll()
        .execute();
    try {
      // Lapsed leases (a worker died) are rare: looked for first at the start of a run, later only
      // once no pending message is left, not on every claim of a long run.
      const claims = lookForLapsed ? await claim(lapsed(limit)) : [];
      if (claims.length < limit) {
        let due = await claim(pending(scan.after, limit - claims.length));
        if (due.length === 0 && scan.after !== null) due = await claim(pending(null, limit - claims.length));
        scan.after = due.reduce<string | null>(
          (last, c) => (last === null || c.next_attempt_at > last ? c.next_attempt_at : last),
          null,
        );
        claims.push(...due);
      }
      if (claims.length === 0 && !lookForLapsed) claims.push(...(await claim(lapsed(limit))));
      return claims.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id.localeCompare(b.id));
    } catch (error) {
      // A connection lost or a database busy beyond its timeout: a moment later, again.
      if (round >= CLAIM_ROUNDS - 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));
    }
  }
}

const CLAIM_ROUNDS = 5;

/** Gives a claimed, unsent message back as it was before the claim (the attempt did not happen). */
async function releaseClaim(db: Kysely<DB>, workerId: string, claim: Claim): Promise<void> {
  await db
    .updateTable("outbox_messages")
    .set((eb) => ({ status: "pending", locked_by: null, locked_until: null, attempts: eb("attempts", "-", 1) }))
    .where("id", "=", claim.id)
    .where("status", "=", "sending")
    .where("locked_by", "=", workerId)
    .where("attempts", "=", claim.attempts)
    .execute();
}

/**
 * Sent marks, written together: one UPDATE per `every` messages or `delayMs`, instead of one
 * UPDATE and commit (an fsync on SQLite) per message. Marks that fail to be written are kept and
 * written with the next ones; `close` writes whatever is left, retrying, before delivery returns.
 */
class SentMarks {
  private waiting: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private lastError: unknown = null;

  private readonly db: Kysely<DB>;
  private readonly clock: Clock;
  private readonly every: number;
  private readonly delayMs: number;

  constructor(db: Kysely<DB>, clock: Clock, every: number, delayMs: number) {
    this.db = db;
    this.clock = clock;
    this.every = every;
    this.delayMs = delayMs;
  }

  add(id: string): void {
    this.waiting.push(id);
    if (this.waiting.length >= this.every) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.delayMs);
  }

  /** Writes the waiting marks; one write at a time, in order. Never rejects (see `close`). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.writing = this.writing.then(async () => {
      // At most 500 ids per UPDATE (bound variables); more wait only after a failed write.
      const ids = this.waiting.splice(0, 500);
      if (ids.length === 0) return;
      try {
        await this.db
          .updateTable("outbox_messages")
          .set({
            status: "sent",
            sent_at: this.clock.now().toISOString(),
            locked_by: null,
            locked_until: null,
            last_error: null,
          })
          .where("id", "in", ids)
          .execute();
        this.lastError = null;
        if (this.waiting.length >= this.every) void this.flush();
      } catch (error) {
        // Not lost: written with the next marks, or by `close`.
        this.waiting.unshift(...ids);
        this.lastError = error;
      }
    });
    return this.writing;
  }

  /** Writes every waiting mark (three tries, a moment apart) or throws why it could not. */
  async close(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await this.flush();
      if (this.waiting.length === 0) return;
      if (attempt === 2) throw this.lastError;
      await new Promise((resolve) => setTimeout(resolve, 200 * (attempt + 1)));
    }
  }
}
