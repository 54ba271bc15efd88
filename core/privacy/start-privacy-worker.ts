import { applyRetention } from "./apply-retention.ts";
import type { PrivacyDeps } from "./deps.ts";

/**
 * Retention in the background, in every app process that runs the outbox worker (like
 * core/mailings/start-sharing-worker.ts): each process tries every few minutes and the claim in
 * apply-retention.ts lets one of them do the work per hour.
 */
export function startPrivacyWorker(deps: PrivacyDeps, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        await applyRetention(deps);
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs ?? 5 * 60_000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
