/**
 * Background work that runs every so often in an app process: one run at a time (a tick while the
 * last run is still going is skipped), errors reported rather than thrown, and `stop` waits for the
 * run in progress. The timer does not keep the process alive.
 */
export interface IntervalWorker {
  stop(): Promise<void>;
}

export function startIntervalWorker(
  run: () => Promise<void>,
  options: { intervalMs: number; onError?: (error: unknown) => void },
): IntervalWorker {
  let stopped = false;
  let running: Promise<void> | null = null;
  const tick = () => {
    if (stopped || running) return;
    running = (async () => {
      try {
        await run();
      } catch (error) {
        options.onError?.(error);
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
