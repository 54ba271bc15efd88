import { applyRetention } from "./apply-retention.ts";
import type { PrivacyDeps } from "./deps.ts";
import { type IntervalWorker, startIntervalWorker } from "../shared/interval-worker.ts";

/**
 * Retention in the background, in every app process that runs the outbox worker (like
 * core/mailings/start-sharing-worker.ts): each process tries every few minutes and the claim in
 * apply-retention.ts lets one of them do the work per hour.
 */
export function startPrivacyWorker(
  deps: PrivacyDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): IntervalWorker {
  return startIntervalWorker(
    async () => {
      await applyRetention(deps);
    },
    { intervalMs: options.intervalMs ?? 5 * 60_000, onError: options.onError },
  );
}
