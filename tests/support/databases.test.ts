/**
 * The test harness's promise (ADR 022): every test starts from the rows its suite's beforeAll
 * hooks wrote, whatever the tests before it wrote, in whatever order they run. Each pair of tests
 * below writes and then checks that it sees only the suite's rows plus its own, so the pair fails
 * in either order if one test's writes reach the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./databases.ts";

describe.each(testDatabases)("per-test isolation on %s", (kind) => {
  const t = useTestDatabase(kind);
  const settings = async () =>
    (await t.db.selectFrom("app_settings").select(["key", "value"]).orderBy("key").execute()).map(
      (r) => `${r.key}=${r.value}`,
    );
  const now = "2021-04-01T00:00:00.000Z";
  const group = (id: string) => ({
    id,
    kind: "working",
    name: id,
    reading: "",
    search_text: "",
    created_at: now,
    updated_at: now,
  });

  beforeAll(async () => {
    await t.db.insertInto("app_settings").values({ key: "seed", value: "suite" }).execute();
    await t.db.insertInto("groups").values(group("g-seed")).execute();
    await t.db.insertInto("group_memberships").values({ id: "m-seed", group_id: "g-seed", position: 0 }).execute();
  });

  it("a test's writes, updates and deletes are its own (first of a pair)", async () => {
    expect(await settings()).toEqual(["seed=suite"]);
    await t.db.insertInto("app_settings").values({ key: "a", value: "1" }).execute();
    await t.db.updateTable("app_settings").set({ value: "changed" }).where("key", "=", "seed").execute();
    expect(await settings()).toEqual(["a=1", "seed=changed"]);
  });

  it("a test's writes, updates and deletes are its own (second of a pair)", async () => {
    expect(await settings()).toEqual(["seed=suite"]);
    await t.db.deleteFrom("app_settings").execute();
    await t.db.insertInto("app_settings").values({ key: "b", value: "2" }).execute();
    expect(await settings()).toEqual(["b=2"]);
  });

  it("rows a delete cascaded to come back with their parent", async () => {
    await t.db.deleteFrom("groups").where("id", "=", "g-seed").execute();
    expect(await t.db.selectFrom("group_memberships").select("id").execute()).toEqual([]);
  });

  it("…and the foreign keys hold again afterwards", async () => {
    expect(await t.db.selectFrom("group_memberships").select(["id", "group_id"]).execute()).toEqual([
      { id: "m-seed", group_id: "g-seed" },
    ]);
    await expect(
      t.db.insertInto("group_memberships").values({ id: "m-orphan", group_id: "g-none", position: 0 }).execute(),
    ).rejects.toThrow();
  });

  it("a transaction a test rolled back leaves nothing to undo", async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await trx.insertInto("app_settings").values({ key: "rolled-back", value: "x" }).execute();
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await settings()).toEqual(["seed=suite"]);
  });

  describe("a nested suite", () => {
    beforeAll(async () => {
      // Runs after the tests above: it starts from the outer suite's rows, not from theirs.
      expect(await settings()).toEqual(["seed=suite"]);
      await t.db.insertInto("app_settings").values({ key: "nested", value: "yes" }).execute();
    });

    it("starts from its parent's rows and its own beforeAll's (first)", async () => {
      expect(await settings()).toEqual(["nested=yes", "seed=suite"]);
      await t.db.insertInto("app_settings").values({ key: "n1", value: "1" }).execute();
    });

    it("starts from its parent's rows and its own beforeAll's (second)", async () => {
      expect(await settings()).toEqual(["nested=yes", "seed=suite"]);
      await t.db.deleteFrom("app_settings").where("key", "=", "seed").execute();
    });
  });

  describe("a sibling suite", () => {
    beforeAll(async () => {
      expect(await settings()).toEqual(["seed=suite"]);
    });

    it("does not see what the nested suite's beforeAll wrote", async () => {
      expect(await settings()).toEqual(["seed=suite"]);
      await t.db.insertInto("app_settings").values({ key: "sibling", value: "1" }).execute();
    });
  });

  it("a test after the nested suites starts from the suite's rows", async () => {
    expect(await settings()).toEqual(["seed=suite"]);
  });
});

describe.each(testDatabases)("shared database on %s (isolation: suite)", (kind) => {
  const t = useTestDatabase(kind, { isolation: "suite" });
  afterAll(async () => {
    expect((await t.db.selectFrom("app_settings").select("key").execute()).length).toBe(2);
  });

  it("writes one row", async () => {
    await t.db.insertInto("app_settings").values({ key: "one", value: "1" }).execute();
  });

  it("writes another, and both stay", async () => {
    await t.db.insertInto("app_settings").values({ key: "two", value: "2" }).execute();
  });
});
