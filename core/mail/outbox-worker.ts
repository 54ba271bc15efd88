import { deliverDueMail, type DeliveryOptions } from "./deliver-due-mail.ts";

export interface OutboxWorker {
  /** Look for due mail now instead of at the next tick (called after enqueueing). */
  wake(): void;
  stop(): Promise<void>;
}

/**
 * Polls the outbox. Every app process may run one: claims in the database keep them from
 * sending the same message twice.
 */
export function startOutboxWorker(
  options: DeliveryOptions & { intervalMs?: number; onError?: (error: unknown) => void },
): OutboxWorker {
  const intervalMs = options.intervalMs ?? 1000;
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let again = false;

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
          batch = await deliverDueMail({ ...options, shouldStop: () => stopped });
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
