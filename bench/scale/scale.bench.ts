/**
 * bench/scale: the installation at the size issue 18 plans for, on PostgreSQL — 60 communities,
 * 30,000 organisations, 200,000 people, 600 seminars with 60,000 registrations, 200,000 answers
 * (`seedScale`, core/scale/seed-scale.ts) — against, in the same run, a database holding one
 * community of the same size per community (500 organisations, 3,333 people, 10 seminars, …).
 *
 * It measures, each against its baseline:
 * 1. the seed itself (seconds for the whole installation);
 * 2. the programme office's use cases over the 60 communities — key figures (getProgrammeKpis)
 *    and the questionnaire compared (compareProgrammeQuestionnaires) — median of ROUNDS, beside
 *    the same programme of one community (target: under 1 s each at full size);
 * 3. a community's own pages (dashboard, organisations, people, seminars), driven by `wrk` with
 *    a signed-in secretariat (password and TOTP) of the first community, on the built app over the full database and
 *    over the one-community database: the ratio says what sharing tables with 59 other
 *    communities costs a community's pages (target ≈ 1);
 * 4. two app processes side by side on the full database, `wrk` against each at once, beside one.
 *
 * Two fresh databases are created beside BENCH_DATABASE_URL's (default the test server's) and
 * dropped at the end (BENCH_KEEP=1 keeps them and prints their URLs).
 *
 *   npm run build && node bench/scale/scale.bench.ts
 *   BENCH_SCALE_COMMUNITIES=6 BENCH_SCALE_DIVISOR=10 node bench/scale/scale.bench.ts   # a tenth, quick
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import * as OTPAuth from "otpauth";
import { createSecretariatAccount } from "../../core/accounts/create-secretariat-account.ts";
import { signInWithPassword, verifySecondFactor } from "../../core/accounts/sign-in-with-password.ts";
import { compareProgrammeQuestionnaires } from "../../core/programme/compare-programme-questionnaires.ts";
import { getProgrammeKpis } from "../../core/programme/get-programme-kpis.ts";
import { FULL_SCALE, seedScale } from "../../core/scale/seed-scale.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { findCommunity } from "../../db/communities.ts";
import { createDb, type Database, migrateToLatest } from "../../db/create-db.ts";
import { loadEnv } from "../../server/env.ts";
import { createServices } from "../../server/services.ts";
import { createScratchPostgres } from "../../tests/support/scratch-postgres.ts";

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DIVISOR = Number(process.env.BENCH_SCALE_DIVISOR ?? 1);
const COMMUNITIES = Number(process.env.BENCH_SCALE_COMMUNITIES ?? FULL_SCALE.communities);
const FULL = {
  communities: COMMUNITIES,
  organisations: Math.round(FULL_SCALE.organisations / DIVISOR),
  people: Math.round(FULL_SCALE.people / DIVISOR),
  events: Math.max(COMMUNITIES, Math.round(FULL_SCALE.events / DIVISOR)),
  registrations: Math.round(FULL_SCALE.registrations / DIVISOR),
  answers: Math.round(FULL_SCALE.answers / DIVISOR),
};
/** One community of the full installation's size per community. */
const ONE = Object.fromEntries(
  Object.entries(FULL).map(([k, v]) => [k, k === "communities" ? 1 : Math.round(v / COMMUNITIES)]),
) as typeof FULL;
const FISCAL_YEAR = 2020;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const TARGET_MS = 1000;
const SECRET = "bench-secret-bench-secret-bench-secret-00";
const HOST_SUFFIX = "bench.test";
const HOST = `scale-01.${HOST_SUFFIX}`;
const PAGES = ["/community", "/community/organisations", "/community/people", "/events/manage"];
const CLOCK_TICKS = 100;
const root = fileURLToPath(new URL("../..", import.meta.url));
const system = { kind: "system", name: "bench" } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

interface Installation {
  name: string;
  url: string;
  database: Database;
  seedSeconds: number;
  drop(): Promise<void>;
}

async function install(name: string, size: typeof FULL): Promise<Installation> {
  const scratch = await createScratchPostgres(ADMIN_URL, `bench_scale_${name}`);
  const database = createDb({ databaseUrl: scratch.url });
  await migrateToLatest(database.root);
  const started = performance.now();
  const result = await seedScale(
    { root: database.root, dialect: database.dialect, clock: systemClock, secret: SECRET, baseUrl: "http://localhost" },
    system,
    { ...size, fiscalYear: FISCAL_YEAR, hostSuffix: HOST_SUFFIX },
  );
  const seedSeconds = (performance.now() - started) / 1000;
  // Statistics and visibility maps as autovacuum keeps them on a live installation (counts can
  // then read indexes alone); without it the key figures took 1.0 s instead of 0.7 s.
  await sql`vacuum analyze`.execute(database.root);
  console.log(
    `  ${name}: ${result.communities.length} communities seeded in ${seedSeconds.toFixed(1)} s ` +
      `(${JSON.stringify(size)})`,
  );
  return {
    name,
    url: scratch.url,
    database,
    seedSeconds,
    async drop() {
      await database.destroy();
      if (process.env.BENCH_KEEP) console.log(`  kept ${name}: ${scratch.url}`);
      else await scratch.drop();
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface App {
  port: number;
  cpuSeconds(): number;
  close(): Promise<void>;
}

/** The built app on `databaseUrl`, mail worker off, rate limits off. */
async function startApp(databaseUrl: string): Promise<App> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "chiiki-bench-scale-"));
  const child = spawn(process.execPath, ["server/main.ts"], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      CHIIKI_DATA_DIR: dataDir,
      CHIIKI_SECRET: SECRET,
      CHIIKI_RATE_LIMITS: "off",
      CHIIKI_WORKER: "off",
      LOG_LEVEL: "warn",
      CHIIKI_BUILD_DIR: process.env.CHIIKI_BUILD_DIR ?? "build",
      DATABASE_URL: databaseUrl,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 1200) {
      await close();
      throw new Error("the app did not start");
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${child.pid}/stat`, "utf8")
        .replace(/^.*\) /, "")
        .split(" ");
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    close,
  };
}

/**
 * A signed-in secretariat of the first seeded community, both factors passed, as its browser
 * would hold it: the Cookie header. (Pages need a person with TOTP; API tokens read no page.)
 * Made with the same use cases as the account pages, on services over the installation's database.
 */
async function secretariatCookie(installation: Installation): Promise<string> {
  const community = await findCommunity(installation.database.root, "scale-01");
  if (!community) throw new Error("scale-01 was not seeded");
  const services = (
    await createServices(
      loadEnv({ CHIIKI_SECRET: SECRET, DATABASE_URL: installation.url, CHIIKI_RATE_LIMITS: "off", LOG_LEVEL: "warn" }),
      { database: installation.database, migrate: false, startWorker: false, allocationThread: false },
    )
  ).forCommunity(community);
  const email = "bench-secretariat@example.jp";
  const password = "bench password for the scale bench";
  await createSecretariatAccount(services.accounts, system, {
    email,
    name: "事務局（ベンチ）",
    password,
    locale: "ja",
  });
  const jar = new Map<string, string>();
  const take = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      if (!rest.join("=") || /max-age=0/i.test(line)) jar.delete(name!);
      else jar.set(name!, rest.join("="));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  take((await signInWithPassword(services.accounts, { email, password }, new Headers())).cookies);
  const enabled = await services.auth.api.enableTwoFactor({
    body: { password },
    headers: new Headers({ cookie: cookie() }),
  });
  const totp = OTPAuth.URI.parse((enabled as { totpURI: string }).totpURI) as OTPAuth.TOTP;
  await services.auth.api.verifyTOTP({ body: { code: totp.generate() }, headers: new Headers({ cookie: cookie() }) });
  jar.clear();
  take((await signInWithPassword(services.accounts, { email, password }, new Headers())).cookies);
  const code = totp.generate({ timestamp: Date.now() + 30_000 });
  take((await verifySecondFactor(services.accounts, { code }, new Headers({ cookie: cookie() }))).cookies);
  return cookie();
}

interface WrkRun {
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  socketErrors: number;
  cpuShare: number;
}

async function runWrk(app: App, pathname: string, cookie: string, seconds = SECONDS): Promise<WrkRun> {
  const args = [
    "-t2",
    `-c${CONNECTIONS}`,
    `-d${seconds}s`,
    "--timeout",
    "10s",
    "-H",
    `Host: ${HOST}`,
    "-H",
    `Cookie: ${cookie}`,
    "-s",
    path.join(root, "bench/scale/report.lua"),
    `http://127.0.0.1:${app.port}${pathname}`,
  ];
  const cpuBefore = app.cpuSeconds();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn("wrk", args, { stdio: ["ignore", "pipe", "inherit"] });
    let text = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (text += chunk));
    child.once("error", (error) => reject(new Error(`wrk could not start (apt-get install wrk): ${error.message}`)));
    child.once("exit", (code) => (code === 0 ? resolve(text) : reject(new Error(`wrk exited with ${code}:\n${text}`))));
  });
  const cpu = app.cpuSeconds() - cpuBefore;
  const line = /^WRK_RESULT (.*)$/m.exec(output);
  if (!line) throw new Error(`wrk printed no result:\n${output}`);
  const r = JSON.parse(line[1]!) as Record<string, number>;
  const measured = r.durationUs! / 1e6;
  return {
    rate: r.requests! / measured,
    p50: r.p50Us! / 1000,
    p99: r.p99Us! / 1000,
    requests: r.requests!,
    non2xx: r.non2xx!,
    socketErrors: r.socketErrors!,
    cpuShare: cpu / measured,
  };
}

/** One GET as wrk sends it (fetch() would drop the Host header), which must answer 200. */
async function checkPage(app: App, pathname: string, cookie: string): Promise<void> {
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    http
      .get(
        { host: "127.0.0.1", port: app.port, path: pathname, headers: { Host: HOST, Cookie: cookie } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode!, body: text }));
        },
      )
      .on("error", reject);
  });
  if (status !== 200) throw new Error(`${pathname}: ${status} ${body.slice(0, 300)}`);
}

const wrkLine = (r: WrkRun) =>
  `${r.rate.toFixed(0).padStart(5)} req/s  p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ` +
  `server CPU ${(100 * r.cpuShare).toFixed(0)}%${r.non2xx || r.socketErrors ? `  ERRORS ${r.non2xx} non-2xx, ${r.socketErrors} socket` : ""}`;

console.log(
  `scale bench (PostgreSQL): full ${JSON.stringify(FULL)} against one community of ${JSON.stringify(ONE)}; ` +
    `use cases median of ${ROUNDS}; wrk 2 threads × ${CONNECTIONS} connections × ${SECONDS} s per page`,
);
const failures: string[] = [];
const full = await install("full", FULL);
const one = await install("one", ONE);
const apps: App[] = [];
try {
  // 2. The programme office's use cases.
  console.log("programme office (use cases, in this process)");
  const useCases: [string, (db: Database) => Promise<unknown>][] = [
    [
      "key figures (getProgrammeKpis)",
      (db: Database) =>
        getProgrammeKpis({ root: db.root, dialect: db.dialect, clock: systemClock }, system, "scale", {
          fiscalYear: FISCAL_YEAR,
        }),
    ],
    [
      "questionnaire compared (compareProgrammeQuestionnaires)",
      (db: Database) =>
        compareProgrammeQuestionnaires(
          { root: db.root, dialect: db.dialect, clock: systemClock },
          system,
          "scale",
          { fiscalYear: FISCAL_YEAR },
          "ja",
        ),
    ],
  ];
  for (const [label, run] of useCases) {
    const times: Record<string, number> = {};
    for (const installation of [one, full]) {
      // A warm-up; one that takes seconds is measured once more, not ROUNDS times (the machine is shared).
      const warm = (await timed(() => run(installation.database))).ms;
      const runs: number[] = [];
      for (let i = 0; i < (warm > 5000 ? 1 : ROUNDS); i++)
        runs.push((await timed(() => run(installation.database))).ms);
      times[installation.name] = median(runs);
    }
    console.log(
      `  ${label}: ${COMMUNITIES} communities ${times.full!.toFixed(0)} ms, one community ${times.one!.toFixed(0)} ms ` +
        `(ratio ${(times.full! / times.one!).toFixed(1)}×; target < ${TARGET_MS} ms at full size)`,
    );
    if (times.full! >= TARGET_MS) failures.push(`${label} ${times.full!.toFixed(0)} ms`);
  }

  // A fast comparison that hides everything measures nothing: say how much of it is shown.
  const compared = await compareProgrammeQuestionnaires(
    { root: full.database.root, dialect: full.database.dialect, clock: systemClock },
    system,
    "scale",
    { fiscalYear: FISCAL_YEAR },
    "ja",
  );
  const tables = compared.questions.filter((q) => q.byCommunity);
  const showing = tables.filter((q) =>
    q.byCommunity!.groups.some(
      (g) =>
        g.result.choices.some((c) => c.count !== null) ||
        g.result.rows.some((r) => r.columns.some((c) => c.count !== null)),
    ),
  );
  console.log(
    `  compared at ${COMMUNITIES} communities: ${showing.length} of ${tables.length} questions show figures ` +
      `(${showing.map((q) => q.code).join(", ")})`,
  );
  if (showing.length === 0) failures.push("the comparison shows no figure");

  // 3. A community's own pages, full installation against one community.
  const cookies = { full: await secretariatCookie(full), one: await secretariatCookie(one) };
  const fullApp = await startApp(full.url);
  apps.push(fullApp);
  const oneApp = await startApp(one.url);
  apps.push(oneApp);
  console.log(`a community's pages (wrk, built app, a signed-in secretariat of scale-01)`);
  const ratios: number[] = [];
  const singleRates = new Map<string, number>();
  for (const page of PAGES) {
    await checkPage(oneApp, page, cookies.one);
    await checkPage(fullApp, page, cookies.full);
    // A short warm-up of each (the JIT, the pool, PostgreSQL's cache), not measured.
    await runWrk(oneApp, page, cookies.one, 1);
    await runWrk(fullApp, page, cookies.full, 1);
    const baseline = await runWrk(oneApp, page, cookies.one);
    const measured = await runWrk(fullApp, page, cookies.full);
    singleRates.set(page, measured.rate);
    const ratio = measured.p50 / baseline.p50;
    ratios.push(ratio);
    console.log(`  ${page}`);
    console.log(`    one community   ${wrkLine(baseline)}`);
    console.log(`    ${String(COMMUNITIES).padStart(2)} communities  ${wrkLine(measured)}`);
    console.log(`    ratio (p50 at scale ÷ p50 alone) ${ratio.toFixed(2)}× (target ≈ 1)`);
    if (measured.non2xx || measured.socketErrors || baseline.non2xx || baseline.socketErrors)
      failures.push(`${page}: errors under wrk`);
  }

  // 4. Two app processes on the full database, each driven at once.
  const second = await startApp(full.url);
  apps.push(second);
  console.log("two app processes on the full database (wrk against each at once)");
  for (const page of ["/community/organisations", "/events/manage"]) {
    await checkPage(second, page, cookies.full);
    await runWrk(second, page, cookies.full, 1);
    const [a, b] = await Promise.all([runWrk(fullApp, page, cookies.full), runWrk(second, page, cookies.full)]);
    const together = a.rate + b.rate;
    console.log(`  ${page}`);
    console.log(`    process 1  ${wrkLine(a)}`);
    console.log(`    process 2  ${wrkLine(b)}`);
    console.log(
      `    together ${together.toFixed(0)} req/s, ${(together / singleRates.get(page)!).toFixed(2)}× one process alone`,
    );
    if (a.non2xx || b.non2xx || a.socketErrors || b.socketErrors) failures.push(`${page}: errors with two processes`);
  }
  console.log(
    `result  seed ${full.seedSeconds.toFixed(0)} s (one community ${one.seedSeconds.toFixed(1)} s); ` +
      `pages at scale ÷ alone: median ${median(ratios).toFixed(2)}×, worst ${Math.max(...ratios).toFixed(2)}×` +
      (failures.length ? `; MISSED: ${failures.join("; ")}` : "; every target met"),
  );
} finally {
  for (const app of apps) await app.close();
  await full.drop();
  await one.drop();
}
process.exit(failures.length ? 1 : 0);
