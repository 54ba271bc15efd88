import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../tests/support/databases.ts";
import { migrateToLatest } from "./create-db.ts";
import { newId } from "./ids.ts";

describe.each(testDatabases)("createDb on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("applies the migrations once and again without error", async () => {
    const again = await migrateToLatest(t.db);
    expect(again.results).toEqual([]);
  });

  it("returns counts as numbers on both dialects", async () => {
    await t.db.insertInto("app_settings").values({ key: "k1", value: "v" }).execute();
    const row = await t.db.selectFrom("app_settings").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(row.n).toBe(1);
  });

  it("orders time-ordered ids by creation", () => {
    const a = newId(1000);
    const b = newId(2000);
    expect(a < b).toBe(true);
    expect(a).toHaveLength(26);
  });
});
