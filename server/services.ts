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
import { communityBaseUrl, communitySender } from "../core/communities/community-address.ts";
import type { FileStorage } from "../core/storage/port.ts";
import { type Community, firstCommunity, listCommunities, scopeDatabase } from "../db/communities.ts";
import { createDb, migrateToLatest, type Database } from "../db/create-db.ts";
import { type AllocationThread, startAllocationThread } from "./allocation-thread.ts";
import type { Env } from "./env.ts";
import { createLogger, type Logger } from "./logger.ts";

export interface Services {
  env: Env;
  /** `database.db` is scoped to `community` (ADR 035); `database.root` is the installation's. */
  database: Database;
  /** The community these services act for: the first one for the process's own services. */
  community: Community;
  /** The same process's services acting for another community (built once per community). */
  forCommunity(community: Community): Services;
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

const UNMIGRATED: Community = {
  id: "unmigrated",
  slug: "",
  name: "",
  name_en: null,
  sender_name: null,
  sender_address: null,
  host: null,
  created_at: "",
};

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
  if (options.migrate ?? true) await migrateToLatest(database.root);
  // Before migration 0700 has run (the CLI's `migrate`) there is no community yet: a placeholder
  // whose scoped queries fail; the CLI asks again once it has migrated.
  const first = await firstCommunity(database.root).catch(() => UNMIGRATED);
  const clock = options.clock ?? systemClock;
  const storage = options.storage ?? createStorage(env.storage);

  let worker: OutboxWorker | null = null;
  let stopping = false;
  // Who each community's mail is from: its services' sender (built once per community; a
  // community created since the process started is read, and gets its services, on its first mail).
  const senderOf = async (communityId: string): Promise<string> => {
    const known = byCommunity.get(communityId);
    if (known) return known.env.mailFrom;
    const community = await database.root
      .selectFrom("communities")
      .selectAll()
      .where("id", "=", communityId)
      .executeTakeFirst();
    return community ? servicesFor(community).env.mailFrom : env.mailFrom;
  };
  const wakeOutbox = () => worker?.wake();
  const load = { inFlight: 0 };
  // Better Auth's tables are the installation's (the plugin leaves them alone); the mail it sends
  // (a password reset) is queued in the first community's outbox.
  const firstDatabase = scopeDatabase(database, first.id);
  const auth = createAuth({
    db: firstDatabase.db,
    dialect: database.dialect,
    clock,
    secret: env.secret,
    baseUrl: env.baseUrl,
    secureCookies: env.secureCookies,
    rateLimits: env.rateLimits,
    onMailQueued: wakeOutbox,
    // A link mailed for a community with its own host name comes back to that host; every request
    // on it passes the door, which serves the community (servicesFor) before Better Auth checks.
    communityOrigins: async () =>
      [...byCommunity.values()].filter((s) => s.community.host).map((s) => new URL(s.env.baseUrl).origin),
  });
  if (options.startWorker ?? env.worker) {
    worker = startOutboxWorker({
      // Every community's mail, through one worker.
      db: database.root,
      clock,
      transport: createMailTransport(env),
      // Each message from its community's sender (docs/communities.md).
      from: (communityId) => senderOf(communityId),
      workerId: `${hostname()}:${process.pid}`,
      busy: () => load.inFlight >= BUSY_REQUESTS,
      onError: (error) =>
        logger.error({ err: error instanceof Error ? error.message : String(error) }, "outbox worker failed"),
    });
  }
  const limitRate = createRateLimiter(database.root, clock, env.rateLimits);
  // Each capability's deps come from its own depsFrom, here as in the routes and the CLI; a
  // community's wiring has the database scoped to it, and its own address and sender in `env`.
  const wiringFor = (community: Community) => ({
    database: scopeDatabase(database, community.id),
    clock,
    auth,
    env: {
      ...env,
      baseUrl: communityBaseUrl(env.installationBaseUrl, community, community.id === first.id),
      mailFrom: communitySender(community, env.mailFrom),
    },
    storage,
    wakeOutbox,
    limitRate,
  });
  // The sharing and privacy workers of each community: for every community there is when the
  // process starts, and for one created later as soon as this process first serves it.
  const runWorkers = options.startWorker ?? env.worker;
  const workers: { stop(): Promise<void> }[] = [];
  const startCommunityWorkers = (community: Community) => {
    if (!runWorkers || stopping) return;
    const wiring = wiringFor(community);
    workers.push(
      startSharingWorker(sharingDepsFrom(wiring), {
        onError: (error) =>
          logger.error({ err: error instanceof Error ? error.message : String(error) }, "sharing worker failed"),
      }),
      startPrivacyWorker(privacyDepsFrom(wiring), {
        onError: (error) =>
          logger.error({ err: error instanceof Error ? error.message : String(error) }, "privacy worker failed"),
      }),
    );
  };
  // Only the server starts one (its clock is the system clock; the thread opens the database anew).
  let allocation: AllocationThread | null = null;
  if (options.allocationThread) {
    allocation = startAllocationThread(
      {
        databaseUrl: env.databaseUrl,
        sqliteFile: env.sqliteFile,
        secret: env.secret,
      },
      {
        onMailQueued: wakeOutbox,
        onError: (error) =>
          logger.error({ err: error instanceof Error ? error.message : String(error) }, "allocation thread failed"),
      },
    );
  }
  const byCommunity = new Map<string, Services>();
  const close = async () => {
    // First, so that no community served while closing starts workers that would outlive the database.
    stopping = true;
    await allocation?.stop();
    await Promise.all(workers.map((w) => w.stop()));
    await worker?.stop();
    // A database handed in belongs to the caller (tests), who closes it.
    if (!options.database) await database.destroy();
  };
  const servicesFor = (community: Community): Services => {
    const known = byCommunity.get(community.id);
    if (known) return known;
    const wiring = wiringFor(community);
    startCommunityWorkers(community);
    const services: Services = {
      env: wiring.env,
      database: wiring.database,
      community,
      forCommunity: servicesFor,
      clock,
      auth,
      logger,
      accounts: accountsDepsFrom(wiring),
      storage,
      wakeOutbox,
      limitRate,
      load,
      allocateSeats: allocation?.allocatorFor(community.id, {
        baseUrl: wiring.env.baseUrl,
        calendarOrganiserEmail: senderAddress(wiring.env.mailFrom),
      }),
      close,
    };
    byCommunity.set(community.id, services);
    return services;
  };
  // Every community there is now gets its workers (and its services) at once.
  for (const community of first === UNMIGRATED ? [] : await listCommunities(database.root)) servicesFor(community);
  return servicesFor(first);
}
