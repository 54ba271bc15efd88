import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../tests/support/databases.ts";
import { createDb, migrateToLatest } from "./create-db.ts";
import { newId } from "./ids.ts";

describe.each(testDatabases)("createDb on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("applies the migrations once and again without error", async () => {
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
  });

  it("returns counts as numbers on both dialects", async () => {
    await t.db.insertInto("app_settings").values({ key: "k1", value: "v" }).execute();
    const row = await t.db
      .selectFrom("app_settings")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(row.n).toBe(1);
  });

  it("orders time-ordered ids by creation", () => {
    const a = newId(1000);
    const b = newId(2000);
    expect(a < b).toBe(true);
    expect(a).toHaveLength(26);
  });
});

describe("createDb on a SQLite file shared with another connection", () => {
  it("begins every transaction IMMEDIATE: the write lock is held from the first read, so no later write can fail", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chiiki-immediate-"));
    const file = path.join(dir, "chiiki.sqlite");
    const database = createDb({ sqliteFile: file });
    try {
      await migrateToLatest(database.db);
      // Another connection that gives up at once instead of waiting: it shows who holds the lock.
      const other = new BetterSqlite3(file, { timeout: 0 });
      const writeFromOther = () =>
        other
          .prepare("insert into app_settings (community_id, key, value) values ((select id from communities), ?, 'v')")
          .run(newId(Date.now()));
      await database.db.transaction().execute(async (trx) => {
        await trx.selectFrom("app_settings").select("key").execute();
        // A DEFERRED transaction would hold no lock after a read, and the other write would pass.
        expect(writeFromOther).toThrow(/locked|busy/i);
      });
      expect(writeFromOther).not.toThrow();
      other.close();
    } finally {
      await database.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
