/**
 * The built application as a real child process, the way a user runs it (`node server/main.ts`
 * over `npm run build`'s output), for end-to-end and multi-process tests.
 *
 *   const app = useAppServer();                 // started in beforeAll, stopped in afterAll
 *   await fetch(`${app.baseUrl}/healthz`);
 *   const text = await app.latestMailTo("member@example.jp", { matching: /\/invite\// });
 *
 * Every server gets a free port, a fresh temporary data dir and (with `database: "postgres"`,
 * which needs TEST_DATABASE_URL) a fresh PostgreSQL database, so parallel runs never collide.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll } from "vitest";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, type Database } from "../../db/create-db.ts";
import type { DialectName } from "../../db/dialect.ts";
import type { Row } from "../../db/schema.ts";
import { createPostgresDatabase } from "./databases.ts";
import { childProcessEnv, copySqliteTemplate } from "./migrated-templates.ts";

export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const buildDir = path.resolve(repoRoot, process.env.CHIIKI_BUILD_DIR ?? "build");
export const TEST_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456789";

export interface AppServerOptions {
  /** Defaults to SQLite; "postgres" needs TEST_DATABASE_URL and gets a database of its own. */
  database?: DialectName;
  /** Join an existing PostgreSQL database instead (a second process over the same data). */
  databaseUrl?: string;
  /** Reuse a data dir (a second process, or a restart); otherwise a fresh temporary one. */
  dataDir?: string;
  rateLimits?: boolean;
  smtpUrl?: string;
  baseUrl?: (port: number) => string;
  /** Anything else for server/env.ts (CHIIKI_WORKER, MAIL_FROM, …). */
  env?: Record<string, string>;
}

export type OutboxMessage = Row<"outbox_messages">;

export interface AppServer {
  readonly baseUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly dialect: DialectName;
  /** The PostgreSQL URL the process uses, when it uses PostgreSQL. */
  readonly databaseUrl: string | undefined;
  readonly pid: number | undefined;
  /** The process's stdout and stderr so far (for failure messages). */
  output(): string;
  /** The app's own database, opened from the test process (same file or same PostgreSQL database). */
  db(): Database["db"];
  readOutbox(): Promise<OutboxMessage[]>;
  /**
   * The text body of the newest mail to `email` (optionally: whose body matches), waiting for
   * it to be queued: the outbox is where a new user reads sign-in links, and so do the tests.
   */
  latestMailTo(email: string, options?: { matching?: RegExp; timeoutMs?: number }): Promise<string>;
  /** `npx chiiki …` against this installation (same data dir, database and secret). */
  runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Ends the process with SIGKILL (no shutdown hooks run), as a crash or power cut would. */
  kill9(): Promise<void>;
  /** Starts the process again on the same port, data dir and database. */
  restart(extraEnv?: Record<string, string>): Promise<void>;
  /** SIGTERM, then SIGKILL if it does not exit within 5 s; removes the data dir and database. */
  stop(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

export { createPostgresDatabase };

export async function startAppServer(options: AppServerOptions = {}): Promise<AppServer> {
  if (!existsSync(path.join(buildDir, "server/index.js"))) {
    throw new Error(`No build at ${buildDir}: run \`npm run build\` first (the e2e project tests the built app).`);
  }
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), "chiiki-e2e-"));
  let ownedDatabase: { url: string; drop(): Promise<void> } | null = null;
  let databaseUrl = options.databaseUrl;
  if (!databaseUrl && options.database === "postgres") {
    ownedDatabase = await createPostgresDatabase("chiiki_e2e");
    databaseUrl = ownedDatabase.url;
  }
  // A new installation's SQLite file, already migrated (the run's template): the server's own
  // migration at start then finds nothing to do, as after any restart.
  if (ownsDataDir && !databaseUrl && !options.env?.DATABASE_URL)
    copySqliteTemplate(path.join(dataDir, "chiiki.sqlite"));
  const dialect: DialectName = databaseUrl ? "postgres" : "sqlite";

  let port = 0;
  let baseUrl = "";
  let child: ChildProcess | null = null;
  let output = "";
  let database: Database | null = null;

  const environment = (extraEnv: Record<string, string> = {}): Record<string, string> => ({
    ...childProcessEnv(),
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    CHIIKI_BASE_URL: baseUrl,
    CHIIKI_BUILD_DIR: buildDir,
    CHIIKI_DATA_DIR: dataDir,
    CHIIKI_SECRET: TEST_SECRET,
    LOG_LEVEL: "warn",
    CHIIKI_RATE_LIMITS: options.rateLimits === false ? "off" : "on",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...options.env,
    ...extraEnv,
  });

  const launch = async (extraEnv: Record<string, string> = {}) => {
    output = "";
    const started = spawn(process.execPath, ["server/main.ts"], {
      cwd: repoRoot,
      env: environment(extraEnv),
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    started.stdout!.on("data", (chunk) => (output += chunk));
    started.stderr!.on("data", (chunk) => (output += chunk));
    const exited = new Promise<never>((_, reject) =>
      started.once("exit", (code, signal) =>
        reject(new Error(`server exited (${code ?? signal}) before it was healthy:\n${output}`)),
      ),
    );
    exited.catch(() => {}); // observed below; once healthy, an exit is the test's business
    // Probed over plain HTTP on the port: a base URL may name the https proxy in front of it.
    await Promise.race([waitForHealth(`http://127.0.0.1:${port}`, 30_000, () => output), exited]);
  };

  const chooseAddress = async () => {
    port = await freePort();
    baseUrl = options.baseUrl ? options.baseUrl(port) : `http://127.0.0.1:${port}`;
  };

  // The first community's id, read once the server has migrated: `db()` is scoped to it (ADR 035).
  let communityId = "";
  // A port picked by the OS may be taken by someone else before we listen on it: try another.
  for (let attempt = 1; ; attempt++) {
    await chooseAddress();
    try {
      await launch();
      break;
    } catch (error) {
      await terminate(child, "SIGKILL");
      if (attempt >= 3 || !/could not listen|EADDRINUSE/.test(String(error))) {
        await cleanupOwned();
        throw error;
      }
    }
  }
  {
    const probe = createDb({ databaseUrl, sqliteFile: path.join(dataDir, "chiiki.sqlite"), poolSize: 1 });
    try {
      communityId = (await firstCommunity(probe.root)).id;
    } finally {
      await probe.destroy();
    }
  }

  async function cleanupOwned() {
    await database?.destroy();
    database = null;
    if (ownedDatabase) await ownedDatabase.drop();
    if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  const openDb = () => {
    database ??= scopeDatabase(
      createDb({ databaseUrl, sqliteFile: path.join(dataDir, "chiiki.sqlite"), poolSize: 2 }),
      communityId,
    );
    return database.db;
  };

  return {
    get baseUrl() {
      return baseUrl;
    },
    get port() {
      return port;
    },
    dataDir,
    dialect,
    databaseUrl,
    get pid() {
      return child?.pid;
    },
    output: () => output,
    db: openDb,
    readOutbox: () => openDb().selectFrom("outbox_messages").selectAll().orderBy("id").execute(),
    async latestMailTo(email, { matching, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const rows = await openDb()
          .selectFrom("outbox_messages")
          .select(["text_body", "id"])
          .where("to_address", "=", email.toLowerCase())
          .orderBy("id", "desc")
          .execute();
        const found = rows.find((r) => !matching || matching.test(r.text_body));
        if (found) return found.text_body;
        if (Date.now() > deadline)
          throw new Error(`no mail to ${email}${matching ? ` matching ${matching}` : ""} within ${timeoutMs} ms`);
        await sleep(100);
      }
    },
    runCli(args) {
      return new Promise((resolve, reject) => {
        const cli = spawn(process.execPath, ["bin/chiiki.js", ...args], {
          cwd: repoRoot,
          env: environment(),
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        cli.stdout.on("data", (chunk) => (stdout += chunk));
        cli.stderr.on("data", (chunk) => (stderr += chunk));
        cli.on("error", reject);
        cli.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    },
    async kill9() {
      await terminate(child, "SIGKILL");
    },
    async restart(extraEnv) {
      await terminate(child, "SIGTERM");
      await launch(extraEnv);
    },
    async stop() {
      await terminate(child, "SIGTERM");
      await cleanupOwned();
    },
  };
}

/** Starts a server before the suite's tests and stops it after them. */
export function useAppServer(options: AppServerOptions | (() => AppServerOptions) = {}): AppServer {
  const holder: { current?: AppServer } = {};
  beforeAll(async () => {
    holder.current = await startAppServer(typeof options === "function" ? options() : options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return new Proxy({} as AppServer, {
    get(_target, property) {
      if (!holder.current) throw new Error("the server starts in beforeAll; use it inside tests");
      const value = (holder.current as any)[property];
      return typeof value === "function" ? value.bind(holder.current) : value;
    },
  });
}

/** The first link in a mail's text that starts with `prefix` (e.g. `${baseUrl}/invite/`). */
export function linkIn(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = new RegExp(`${escaped}\\S*`).exec(text);
  if (!match) throw new Error(`no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

async function waitForHealth(baseUrl: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server at ${baseUrl} not healthy within ${timeoutMs} ms:\n${output()}`);
    await sleep(100);
  }
}

async function terminate(child: ChildProcess | null, signal: "SIGTERM" | "SIGKILL"): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  if (signal === "SIGTERM") {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  } else {
    await exited;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
