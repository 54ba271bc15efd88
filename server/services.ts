/**
 * The composition root: builds every dependency once per process from the validated Env and
 * hands them to the web layer (through the router context) and to the CLI.
 */
import { hostname } from "node:os";
import path from "node:path";
import { createAuth, type Auth } from "../core/accounts/create-auth.ts";
import { type AccountsDeps, accountsDepsFrom } from "../core/accounts/deps.ts";
import type { SeatAllocator } from "../core/events/deps.ts";
import { senderAddress } from "../core/mail/sender-address.ts";
import { startOutboxWorker, type OutboxWorker } from "../core/mail/outbox-worker.ts";
import { startSharingWorker } from "../core/mailings/start-sharing-worker.ts";
import { privacyDepsFrom } from "../core/privacy/deps.ts";
import { startPrivacyWorker } from "../core/privacy/start-privacy-worker.ts";
import { sharingDepsFrom } from "../core/sharing/deps.ts";
import { createFileTransport, createSmtpTransport, type MailTransport } from "../core/mail/transports.ts";
import { type Clock, systemClock } from "../core/shared/clock.ts";
import { createRateLimiter, type RateLimiter } from "../core/shared/rate-limit.ts";
import { createStorage } from "../core/storage/create-storage.ts";
import type { FileStorage } from "../core/storage/port.ts";
import { createDb, migrateToLatest, type Database } from "../db/create-db.ts";
import { type AllocationThread, startAllocationThread } from "./allocation-thread.ts";
import type { Env } from "./env.ts";
import { createLogger, type Logger } from "./logger.ts";

export interface Services {
  env: Env;
  database: Database;
  clock: Clock;
  auth: Auth;
  logger: Logger;
  accounts: AccountsDeps;
  /** Uploaded files (CHIIKI_STORAGE_URL): a directory, or a bucket every process shares (ADR 033). */
  storage: FileStorage;
  /** Counts a hit against a rate limit (shared by every process); does nothing when CHIIKI_RATE_LIMITS=off. */
  limitRate: RateLimiter;
  /** Wakes the outbox worker after mail was queued (a no-op when this process runs none). */
  wakeOutbox(): void;
  /** Requests this process is serving right now (counted by server/http.ts). */
  load: { inFlight: number };
  /** The server's allocation thread (server/allocation-thread.ts); elsewhere registrations are decided in-process. */
  allocateSeats?: SeatAllocator;
  close(): Promise<void>;
}

/** Requests in flight from which this process counts as busy and lets mail wait (at most 2 s). */
const BUSY_REQUESTS = 8;

export function createMailTransport(env: Env): MailTransport {
  return env.smtpUrl ? createSmtpTransport(env.smtpUrl) : createFileTransport(path.join(env.dataDir, "outbox"));
}

export async function createServices(
  env: Env,
  options: {
    database?: Database;
    clock?: Clock;
    startWorker?: boolean;
    migrate?: boolean;
    allocationThread?: boolean;
    storage?: FileStorage;
  } = {},
): Promise<Services> {
  const logger = createLogger(env.logLevel);
  const database =
    options.database ??
    createDb({
      databaseUrl: env.databaseUrl,
      sqliteFile: env.sqliteFile,
      onIdleClientError: (error) => logger.warn({ err: error.message }, "database connection lost"),
    });
  if (options.migrate ?? true) await migrateToLatest(database.db);
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? createStorage(env.storage);

  let worker: OutboxWorker | null = null;
  let sharingWorker: { stop(): Promise<void> } | null = null;
  let privacyWorker: { stop(): Promise<void> } | null = null;
  const wakeOutbox = () => worker?.wake();
  const load = { inFlight: 0 };
  const auth = createAuth({
    db: database.db,
    dialect: database.dialect,
    clock,
    secret: env.secret,
    baseUrl: env.baseUrl,
    secureCookies: env.secureCookies,
    rateLimits: env.rateLimits,
    onMailQueued: wakeOutbox,
  });
  if (options.startWorker ?? env.worker) {
    worker = startOutboxWorker({
      db: database.db,
      clock,
      transport: createMailTransport(env),
      from: env.mailFrom,
      workerId: `${hostname()}:${process.pid}`,
      busy: () => load.inFlight >= BUSY_REQUESTS,
      onError: (error) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "outbox worker failed"),
    });
  }
  const limitRate = createRateLimiter(database.db, clock, env.rateLimits);
  // Each capability's deps come from its own depsFrom, here as in the routes and the CLI.
  const wiring = { database, clock, auth, env, storage, wakeOutbox, limitRate };
  const accounts = accountsDepsFrom(wiring);
  if (options.startWorker ?? env.worker) {
    sharingWorker = startSharingWorker(sharingDepsFrom(wiring), {
      onError: (error) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "sharing worker failed"),
    });
    privacyWorker = startPrivacyWorker(privacyDepsFrom(wiring), {
      onError: (error) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "privacy worker failed"),
    });
  }
  // Only the server starts one (its clock is the system clock; the thread opens the database anew).
  let allocation: AllocationThread | null = null;
  if (options.allocationThread) {
    allocation = startAllocationThread(
      {
        databaseUrl: env.databaseUrl,
        sqliteFile: env.sqliteFile,
        baseUrl: env.baseUrl,
        secret: env.secret,
        calendarOrganiserEmail: senderAddress(env.mailFrom),
      },
      {
        onMailQueued: wakeOutbox,
        onError: (error) =>
          logger.error({ err: error instanceof Error ? error.message : String(error) }, "allocation thread failed"),
      },
    );
  }
  return {
    env,
    database,
    clock,
    auth,
    logger,
    accounts,
    storage,
    wakeOutbox,
    limitRate,
    load,
    allocateSeats: allocation?.allocateSeats,
    async close() {
      await allocation?.stop();
      await sharingWorker?.stop();
      await privacyWorker?.stop();
      await worker?.stop();
      // A database handed in belongs to the caller (tests), who closes it.
      if (!options.database) await database.destroy();
    },
  };
}
