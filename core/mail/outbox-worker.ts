import { deliverDueMail, type DeliveryOptions } from "./deliver-due-mail.ts";

export interface OutboxWorker {
  /** Look for due mail now instead of at the next tick (called after enqueueing). */
  wake(): void;
  stop(): Promise<void>;
}

export interface WorkerOptions extends DeliveryOptions {
  intervalMs?: number;
  onError?: (error: unknown) => void;
  /** True while the process is busy serving people; delivery then waits (see holdMs). */
  busy?: () => boolean;
  /** The longest a batch waits for the process to calm down before it is sent anyway. */
  holdMs?: number;
}

const BUSY_POLL_MS = 25;

/**
 * Polls the outbox. Every app process may run one: claims in the database keep them from
 * sending the same message twice.
 *
 * Mail yields to requests: while `busy()` says the process is serving a burst (a seminar's
 * registration opening), delivery pauses — no new claims, and no new round until it passes — so
 * confirmations go out a moment later instead of competing with the registrations for the CPU.
 * A busy spell holds mail back for at most `holdMs` (2 s); after that it is sent even while the
 * process stays busy, so a server under steady load still mails.
 */
export function startOutboxWorker(options: WorkerOptions): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1000;
  const holdMs = options.holdMs ?? 2000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let again = false;

  let busySince: number | null = null;
  /** Busy, and this busy spell has not yet used up its hold. */
  const holdingBack = () => {
    if (!options.busy?.()) {
      busySince = null;
      return false;
    }
    busySince ??= performance.now();
    return performance.now() - busySince < holdMs;
  };
  const waitWhileBusy = async () => {
    while (!stopped && holdingBack()) await new Promise((resolve) => setTimeout(resolve, BUSY_POLL_MS));
  };

  const tick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    running = (async () => {
      try {
        let batch;
        do {
          again = false;
          await waitWhileBusy();
          batch = await deliverDueMail({ ...options, shouldStop: () => stopped || holdingBack() });
        } while (!stopped && (again || batch.sent + batch.failed + batch.retried > 0));
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
        if (!stopped) timer = setTimeout(tick, intervalMs);
      }
    })();
  };
  timer = setTimeout(tick, 0);

  return {
    wake: tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      options.transport.close();
    },
  };
}
