/**
 * Integration tests run against every database we support: SQLite always, PostgreSQL whenever
 * TEST_DATABASE_URL is set (CI always sets it). Each call gets its own, freshly migrated database.
 *
 *   describe.each(testDatabases)("%s", (kind) => {
 *     const t = useTestDatabase(kind);      // t.db is ready inside tests
 *   });
 */
import { afterAll, beforeAll } from "vitest";
import { createDb, migrateToLatest, type Database } from "../../db/create-db.ts";
import type { DialectName } from "../../db/dialect.ts";
import { createScratchPostgres } from "./scratch-postgres.ts";

export const testDatabases: DialectName[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

export interface TestDatabase extends Database {
  url: string | undefined;
  cleanup(): Promise<void>;
}

export async function openTestDatabase(kind: DialectName): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const database = createDb({ sqliteFile: ":memory:" });
    await migrateToLatest(database.db);
    return { ...database, url: undefined, cleanup: () => database.destroy() };
  }
  const created = await createPostgresDatabase("chiiki_t");
  const database = createDb({ databaseUrl: created.url, poolSize: 5 });
  await migrateToLatest(database.db);
  return {
    ...database,
    url: created.url,
    cleanup: async () => {
      await database.destroy();
      await created.drop();
    },
  };
}

/** A fresh, empty PostgreSQL database beside TEST_DATABASE_URL's, and a way to drop it. */
export async function createPostgresDatabase(prefix = "chiiki_t"): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is not set");
  return createScratchPostgres(adminUrl, prefix);
}

/** Opens a database before the suite's tests and removes it after them. */
export function useTestDatabase(kind: DialectName): TestDatabase {
  const holder = {} as { current?: TestDatabase };
  beforeAll(async () => {
    holder.current = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await holder.current?.cleanup();
  });
  return new Proxy({} as TestDatabase, {
    get(_target, property) {
      if (!holder.current) throw new Error("the test database is opened in beforeAll; use it inside tests");
      return (holder.current as any)[property];
    },
  });
}
