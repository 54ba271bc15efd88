import { type Kysely, sql } from "kysely";
import { Migrator } from "kysely/migration";
import { describe, expect, it } from "vitest";
import { createEmptyPostgresDatabase, testDatabases } from "../../tests/support/databases.ts";
import { communityScope } from "../community-scope.ts";
import { createDb, type Database, migrateToLatest } from "../create-db.ts";
import { migrations } from "./index.ts";

/** A database migrated up to just before 0700, with an installation's rows in it. */
async function installationBefore0700(kind: "sqlite" | "postgres") {
  let database: Database;
  let drop = async () => {};
  if (kind === "sqlite") database = createDb({ sqliteFile: ":memory:" });
  else {
    const created = await createEmptyPostgresDatabase("chiiki_m0700");
    database = createDb({ databaseUrl: created.url, poolSize: 2 });
    drop = created.drop;
  }
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < "0700"));
  const migrator = new Migrator({ db: database.root, provider: { getMigrations: async () => before } });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  const db = database.root as unknown as Kysely<any>;
  const now = "2021-01-27T00:00:00.000Z";
  await db
    .insertInto("app_settings")
    .values([
      { key: "community_name", value: "長崎地域SECURITY" },
      { key: "installed_at", value: now },
    ])
    .execute();
  await db
    .insertInto("organisations")
    .values({
      id: "o1",
      name: "長崎商事",
      sector: "industry",
      corporate_number: "7000012050002",
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("people")
    .values({
      id: "p1",
      organisation_id: "o1",
      family_name: "長崎",
      email: "a@example.jp",
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto("mail_suppressions")
    .values({ email: "a@example.jp", reason: "unsubscribed", created_at: now })
    .execute();
  return {
    database,
    cleanup: async () => {
      await database.destroy();
      await drop();
    },
  };
}

describe.each(testDatabases)("migration 0700 on %s", (kind) => {
  it("makes an existing installation its first community, every row and key kept", async () => {
    const { database, cleanup } = await installationBefore0700(kind);
    try {
      await migrateToLatest(database.root);
      const communities = await database.root.selectFrom("communities").selectAll().execute();
      expect(communities).toMatchObject([{ slug: "default", name: "長崎地域SECURITY", host: null }]);
      const id = communities[0]!.id;
      const scoped = database.root.withPlugin(communityScope(id));
      expect(await scoped.selectFrom("organisations").select(["id", "corporate_number"]).execute()).toEqual([
        { id: "o1", corporate_number: "7000012050002" },
      ]);
      expect(await scoped.selectFrom("people").select(["id", "organisation_id"]).execute()).toEqual([
        { id: "p1", organisation_id: "o1" },
      ]);
      expect(
        (await scoped.selectFrom("app_settings").select("key").orderBy("key").execute()).map((r) => r.key),
      ).toEqual(["community_name", "installed_at"]);
      if (kind === "sqlite") expect((await sql`pragma foreign_key_check`.execute(database.root)).rows).toEqual([]);
      // A second community may hold the same setting and suppressed address: keys are per community.
      await database.root
        .insertInto("communities")
        .values({
          id: "c2",
          slug: "saga",
          name: "佐賀",
          name_en: null,
          sender_name: null,
          sender_address: null,
          host: null,
          created_at: "2026-12-03T00:00:00.000Z",
        })
        .execute();
      const other = database.root.withPlugin(communityScope("c2"));
      await other.insertInto("app_settings").values({ key: "community_name", value: "佐賀" }).execute();
      await other
        .insertInto("mail_suppressions")
        .values({ email: "a@example.jp", reason: "bounced", created_at: "x" })
        .execute();
      await expect(
        scoped
          .insertInto("mail_suppressions")
          .values({ email: "a@example.jp", reason: "again", created_at: "x" })
          .execute(),
      ).rejects.toThrow();
      // A row must name a community that exists.
      await expect(
        database.root
          .withPlugin(communityScope("nosuchcommunity"))
          .insertInto("app_settings")
          .values({ key: "k", value: "v" })
          .execute(),
      ).rejects.toThrow();
    } finally {
      await cleanup();
    }
  });
});
