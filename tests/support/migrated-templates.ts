/**
 * Migrated databases to copy from, made once per test run (vitest's globalSetup,
 * tests/support/global-setup.ts): every test database and every end-to-end server's database is
 * a copy of one, instead of running every migration again — a PostgreSQL database is created
 * `from template` (a file copy in the server), a SQLite one is the migrated file's bytes. Copying
 * takes tens of milliseconds where migrating takes seconds, and the test suites open hundreds.
 *
 * Without the run's templates (a file run on its own, a bench) everything migrates as before.
 * No test runner imports here: benches use it too.
 */
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import pg from "pg";
import { createDb, migrateToLatest } from "../../db/create-db.ts";
import { createScratchPostgres } from "./scratch-postgres.ts";

/** Set by global-setup.ts for the workers: the template's name, and the migrated SQLite file. */
export const PG_TEMPLATE_ENV = "CHIIKI_TEST_PG_TEMPLATE";
export const SQLITE_TEMPLATE_ENV = "CHIIKI_TEST_SQLITE_TEMPLATE";

async function admin<T>(adminUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A migrated PostgreSQL database to copy from, with nobody connected to it (CREATE DATABASE … TEMPLATE needs that). */
export async function createPostgresTemplate(
  adminUrl: string,
  prefix: string,
): Promise<{ name: string; drop(): Promise<void> }> {
  const scratch = await createScratchPostgres(adminUrl, prefix);
  const database = createDb({ databaseUrl: scratch.url, poolSize: 1 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.destroy();
  }
  return { name: new URL(scratch.url).pathname.slice(1), drop: scratch.drop };
}

/**
 * A fresh PostgreSQL database beside `adminUrl`'s: already migrated when the run has a template
 * (`migrated: true`), else empty. Two copies started at once from one template can find each other
 * reading it ("being accessed by other users"), so that one is tried again.
 */
export async function createPostgresCopy(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; migrated: boolean; drop(): Promise<void> }> {
  const template = process.env[PG_TEMPLATE_ENV];
  if (!template) return { ...(await createScratchPostgres(adminUrl, prefix)), migrated: false };
  const name = `${prefix}_${Math.random().toString(16).slice(2, 14)}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin(adminUrl, (c) => c.query(`create database ${name} template ${template}`));
      break;
    } catch (error) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 150));
    }
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    migrated: true,
    drop: () => admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

let sqliteImage: Buffer | undefined;

/** The run's migrated SQLite database as bytes (an in-memory database opens from them), if there is one. */
export function sqliteTemplateImage(): Buffer | undefined {
  const file = process.env[SQLITE_TEMPLATE_ENV];
  if (!file || !existsSync(file)) return undefined;
  sqliteImage ??= readFileSync(file);
  return sqliteImage;
}

/** Puts the run's migrated SQLite file at `target` (a server's data dir); false when there is none. */
export function copySqliteTemplate(target: string): boolean {
  const file = process.env[SQLITE_TEMPLATE_ENV];
  if (!file || !existsSync(file)) return false;
  copyFileSync(file, target);
  return true;
}

/**
 * What a child process of the tests (the CLI, a server) inherits besides what a test sets: Node's
 * compile cache, so the hundreds of processes a run starts parse the sources once (global-setup.ts).
 */
export function childProcessEnv(): Record<string, string> {
  const cache = process.env.NODE_COMPILE_CACHE;
  return { PATH: process.env.PATH ?? "", ...(cache ? { NODE_COMPILE_CACHE: cache } : {}) };
}
