/**
 * Integration tests run against every database we support: SQLite always, PostgreSQL whenever
 * TEST_DATABASE_URL is set (CI always sets it). Each call gets its own, freshly migrated database,
 * and every test starts from the rows its suite's `beforeAll` hooks left (ADR 022): what a test
 * writes is undone after it, so no test sees another's data, in any order.
 *
 *   describe.each(testDatabases)("%s", (kind) => {
 *     const t = useTestDatabase(kind);      // t.db is ready inside tests
 *     beforeAll(() => seed(t.db));          // shared by the suite's tests, restored before each
 *   });
 */
import { afterAll, beforeAll, beforeEach, type TestContext, TestRunner } from "vitest";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, migrateToLatest, type Database } from "../../db/create-db.ts";
import type { DialectName } from "../../db/dialect.ts";
import { createScratchPostgres } from "./scratch-postgres.ts";
import { type Snapshot, takeSnapshot } from "./snapshots.ts";

export const testDatabases: DialectName[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];

/**
 * A test database: `db` is scoped to the first community (ADR 035), as a request's services are,
 * so every test runs its queries through the scope plugin; `root` is the unscoped handle and
 * `communityId` the first community's id.
 */
export interface TestDatabase extends Database {
  url: string | undefined;
  communityId: string;
  cleanup(): Promise<void>;
}

export async function openTestDatabase(kind: DialectName): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const database = createDb({ sqliteFile: ":memory:" });
    await migrateToLatest(database.root);
    const { id } = await firstCommunity(database.root);
    return { ...scopeDatabase(database, id), communityId: id, url: undefined, cleanup: () => database.destroy() };
  }
  const created = await createPostgresDatabase("chiiki_t");
  const database = createDb({ databaseUrl: created.url, poolSize: 5 });
  await migrateToLatest(database.root);
  const { id } = await firstCommunity(database.root);
  return {
    ...scopeDatabase(database, id),
    communityId: id,
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

export interface TestDatabaseOptions {
  /**
   * `"test"` (the default): each test starts from the rows the suite's `beforeAll` hooks wrote,
   * whatever the tests before it wrote. `"suite"`: the tests share one database and see each
   * other's writes (for a suite that opens the database again from outside, as the backup tests do).
   */
  isolation?: "test" | "suite";
}

/** Opens a database before the suite's tests and removes it after them. */
export function useTestDatabase(kind: DialectName, options: TestDatabaseOptions = {}): TestDatabase {
  const holder = {} as { current?: TestDatabase };
  beforeAll(async () => {
    holder.current = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await holder.current?.cleanup();
  });
  if ((options.isolation ?? "test") === "test") isolateTests(() => holder.current);
  return new Proxy({} as TestDatabase, {
    get(_target, property) {
      if (!holder.current) throw new Error("the test database is opened in beforeAll; use it inside tests");
      return (holder.current as any)[property];
    },
  });
}

type SuiteTask = NonNullable<TestContext["task"]["suite"]>;

/**
 * Registers, in the calling suite, the hooks that give each test the rows of its own suite. A
 * suite's snapshot is taken when its beforeAll hooks are done: before its first test or its first
 * nested suite, whichever comes first. Every test, and every nested suite's beforeAll, starts
 * from its suite's snapshot, restored if anything was written since; so the order the tests and
 * suites run in (`--sequence.shuffle`) does not matter.
 */
export function isolateTests(database: () => Database | undefined): void {
  const snapshots = new Map<string, Promise<Snapshot>>();
  const startFrom = async (suite: SuiteTask) => {
    const current = database();
    if (!current) return;
    const known = snapshots.get(suite.id);
    if (known) return (await known).restore();
    const taken = takeSnapshot(current);
    snapshots.set(suite.id, taken);
    await taken;
  };
  // biome-ignore lint/correctness/noEmptyPattern: vitest reads a hook's first parameter as its fixtures and wants a pattern.
  beforeAll(({}, root) => {
    // A nested suite's own beforeAll runs before any test of it: it must start from its parent's
    // rows too, so a hook of ours goes first in each (vitest's hooks of a suite, in order).
    const nest = (parent: SuiteTask) => {
      for (const task of parent.tasks) {
        if (task.type !== "suite") continue;
        TestRunner.getSuiteHooks(task).beforeAll.unshift(() => startFrom(parent));
        nest(task);
      }
    };
    nest(root as SuiteTask);
  });
  beforeEach(async (context) => {
    if (context.task.suite) await startFrom(context.task.suite);
  });
}
