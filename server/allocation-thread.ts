/**
 * The seat-allocation thread. The server hands each batch of registrations that the event's group
 * commit gathered (core/events/register-attendee.ts) to a worker thread with its own database
 * connection, which decides it with the very same `allocateRegistrations`. The main thread stays
 * free to read and answer requests meanwhile: on SQLite the batch's statements and its commit's
 * fsync would block the thread that runs them, and on PostgreSQL each round trip under the event
 * lock would wait for a turn of a loop busy parsing the requests that keep arriving
 * (docs/seat-allocation.md, "Where a batch is decided").
 *
 * This one file is both sides: `startAllocationThread` on the main thread, and at the bottom the
 * thread's own loop, started when the module is loaded as the worker.
 */
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { SeatAllocator } from "../core/events/deps.ts";
import { allocateRegistrations } from "../core/events/register-attendee.ts";
import type { AllocationRequest, RegistrationReceipt } from "../core/events/registration-input.ts";
import { systemClock } from "../core/shared/clock.ts";
import { AppError, type AppErrorCode, type FieldIssue, isAppError } from "../core/shared/errors.ts";
import type { Outcome } from "../core/shared/group-commit.ts";
import { scopeDatabase } from "../db/communities.ts";
import { createDb } from "../db/create-db.ts";

export interface AllocationThreadConfig {
  databaseUrl: string | undefined;
  sqliteFile: string;
  secret: string;
}

/** An outcome as it crosses the thread boundary: errors lose their class there, so AppError travels as data. */
type WireOutcome =
  | { value: RegistrationReceipt }
  | { appError: { code: AppErrorCode; fields: FieldIssue[]; params: Record<string, string | number>; message: string } }
  | { failure: string };
/** Where a community's mail links point and who its calendar invitations are from (ADR 035). */
export interface CommunityAddress {
  baseUrl: string;
  calendarOrganiserEmail: string | null;
}
type ToThread =
  | { id: number; communityId: string; address: CommunityAddress; eventId: string; requests: AllocationRequest[] }
  | { stop: true };
type FromThread = { id: number; outcomes: WireOutcome[] } | { id: number; failure: string };

export interface AllocationThread {
  /** Where one community's registrations are decided (the thread scopes its queries to it). */
  allocatorFor(communityId: string, address: CommunityAddress): SeatAllocator;
  /** Lets the batches already sent finish, then ends the thread. */
  stop(): Promise<void>;
}

export function startAllocationThread(
  config: AllocationThreadConfig,
  hooks: { onMailQueued(): void; onError(error: unknown): void },
): AllocationThread {
  const pending = new Map<
    number,
    { resolve(outcomes: Outcome<RegistrationReceipt>[]): void; reject(error: unknown): void }
  >();
  let nextId = 1;
  let stopped: Promise<void> | null = null;
  let worker: Worker | null = spawn();

  function spawn(): Worker {
    const thread = new Worker(new URL(import.meta.url), { workerData: { allocationThread: config } });
    thread.on("message", (message: FromThread) => {
      const waiting = pending.get(message.id);
      pending.delete(message.id);
      if (!waiting) return;
      if ("failure" in message) return waiting.reject(new Error(message.failure));
      const outcomes = message.outcomes.map(fromWire);
      if (outcomes.some((o) => "value" in o)) hooks.onMailQueued();
      waiting.resolve(outcomes);
    });
    thread.on("error", (error) => hooks.onError(error));
    thread.on("exit", () => {
      worker = null;
      // A batch the thread did not answer may or may not have committed: its callers get an
      // error (500), never a guessed answer.
      for (const waiting of pending.values()) waiting.reject(new Error("the allocation thread stopped"));
      pending.clear();
      // A new thread takes the next batches; a second late, so that a thread that cannot start
      // (the database is down) does not restart in a tight loop. Meanwhile registrations fail fast.
      if (!stopped) setTimeout(() => (worker ??= stopped ? null : spawn()), 1000).unref();
    });
    return thread;
  }

  return {
    allocatorFor: (communityId, address) => (eventId, requests) =>
      new Promise((resolve, reject) => {
        if (!worker || stopped) return reject(new Error("the allocation thread is not running"));
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, communityId, address, eventId, requests } satisfies ToThread);
      }),
    stop() {
      stopped ??= worker
        ? new Promise<void>((resolve) => {
            worker!.once("exit", () => resolve());
            worker!.postMessage({ stop: true } satisfies ToThread);
          })
        : Promise.resolve();
      return stopped;
    },
  };
}

function toWire(outcome: Outcome<RegistrationReceipt>): WireOutcome {
  if ("value" in outcome) return { value: outcome.value };
  const error = outcome.error;
  if (isAppError(error))
    return { appError: { code: error.code, fields: error.fields, params: error.params, message: error.message } };
  return { failure: error instanceof Error ? error.message : String(error) };
}

function fromWire(outcome: WireOutcome): Outcome<RegistrationReceipt> {
  if ("value" in outcome) return outcome;
  if ("appError" in outcome) {
    const { code, fields, params, message } = outcome.appError;
    return { error: new AppError(code, { fields, params, message }) };
  }
  return { error: new Error(outcome.failure) };
}

/** The thread's side: decide each batch as it comes, answer in kind, and on `stop` finish and close. */
function serve(config: AllocationThreadConfig): void {
  const port = parentPort!;
  const database = createDb({ databaseUrl: config.databaseUrl, sqliteFile: config.sqliteFile });
  const depsByCommunity = new Map<string, Parameters<typeof allocateRegistrations>[0]>();
  const depsFor = (communityId: string, address: CommunityAddress) => {
    let deps = depsByCommunity.get(communityId);
    if (!deps || deps.baseUrl !== address.baseUrl || deps.calendarOrganiserEmail !== address.calendarOrganiserEmail) {
      deps = {
        db: scopeDatabase(database, communityId).db,
        clock: systemClock,
        baseUrl: address.baseUrl,
        secret: config.secret,
        calendarOrganiserEmail: address.calendarOrganiserEmail,
      };
      depsByCommunity.set(communityId, deps);
    }
    return deps;
  };
  let inFlight = 0;
  let stopping = false;
  const closeWhenIdle = async () => {
    if (!stopping || inFlight > 0) return;
    await database.destroy();
    port.close();
  };
  port.on("message", (message: ToThread) => {
    if ("stop" in message) {
      stopping = true;
      void closeWhenIdle();
      return;
    }
    inFlight++;
    allocateRegistrations(depsFor(message.communityId, message.address), message.eventId, message.requests)
      .then(
        (outcomes) => port.postMessage({ id: message.id, outcomes: outcomes.map(toWire) } satisfies FromThread),
        (error: unknown) =>
          port.postMessage({
            id: message.id,
            failure: error instanceof Error ? error.message : String(error),
          } satisfies FromThread),
      )
      .finally(() => {
        inFlight--;
        void closeWhenIdle();
      });
  });
}

if (!isMainThread && workerData?.allocationThread) serve(workerData.allocationThread as AllocationThreadConfig);
