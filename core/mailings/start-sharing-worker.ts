import type { Actor } from "../accounts/actor.ts";
import { fetchFeeds } from "../sharing/feed-subscriptions.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { dispatchDueMailings } from "./dispatch-due-mailings.ts";
import { type IntervalWorker, startIntervalWorker } from "../shared/interval-worker.ts";

const worker: Actor = { kind: "system", name: "sharing-worker" };

/**
 * Background work of sharing and mailings, in every app process that runs the outbox worker:
 * scheduled mailings start and trickle into the outbox within the rate limit (claims in the
 * database keep processes apart), and subscribed feeds are fetched now and then.
 */
export function startSharingWorker(
  deps: SharingDeps,
  options: { intervalMs?: number; feedIntervalMs?: number; onError?: (error: unknown) => void } = {},
): IntervalWorker {
  const intervalMs = options.intervalMs ?? 5_000;
  const feedIntervalMs = options.feedIntervalMs ?? 60 * 60_000;
  let lastFeedFetch = 0;
  return startIntervalWorker(
    async () => {
      await dispatchDueMailings(deps);
      if (Date.now() - lastFeedFetch >= feedIntervalMs) {
        lastFeedFetch = Date.now();
        await fetchFeeds(deps, worker);
      }
    },
    { intervalMs, onError: options.onError },
  );
}
