/**
 * The community scope plugin (ADR 035): every query of a scoped database reads and writes only
 * its community's rows, on both dialects; what it cannot rewrite (raw SQL naming a community
 * table) throws. The property test writes random rows with the same names, e-mails and 法人番号
 * into two communities and runs random queries as one of them.
 */
import fc from "fast-check";
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../tests/support/databases.ts";
import { organisationRow } from "../tests/fixtures/rows.ts";
import { COMMUNITY_TABLES, INSTALLATION_TABLES } from "./community-tables.ts";
import { communityScope, scopeOf, UnscopableQueryError } from "./community-scope.ts";
import { newId } from "./ids.ts";
import type { DB } from "./schema.ts";

describe("the scope's SQL", () => {
  const db = compileOnly().withPlugin(communityScope("c1"));

  it("puts the predicate in WHERE for the table read, in ON for a joined one, and keeps OR's meaning", () => {
    const q = db
      .selectFrom("people as p")
      .leftJoin("organisations", "organisations.id", "p.organisation_id")
      .select(["p.id", "organisations.name"])
      .where((eb) => eb.or([eb("p.email", "=", "a"), eb("p.email", "=", "b")]))
      .compile();
    expect(q.sql).toBe(
      'select "p"."id", "organisations"."name" from "people" as "p" left join "organisations" on ("organisations"."id" = "p"."organisation_id") and "organisations"."community_id" = ? where (("p"."email" = ? or "p"."email" = ?)) and "p"."community_id" = ?',
    );
    expect(q.parameters).toEqual(["c1", "a", "b", "c1"]);
  });

  it("scopes subqueries, updates and deletes, and leaves installation tables alone", () => {
    const sub = db
      .selectFrom("organisations")
      .select("id")
      .where("id", "in", db.selectFrom("people").select("organisation_id"))
      .compile();
    expect(sub.sql).toContain('from "people" where "people"."community_id" = ?');
    expect(sub.sql).toMatch(/"organisations"\."community_id" = \?$/);
    expect(db.updateTable("people").set({ notes: "x" }).where("id", "=", "1").compile().sql).toBe(
      'update "people" set "notes" = ? where ("id" = ?) and "people"."community_id" = ?',
    );
    expect(db.deleteFrom("people").compile().sql).toBe('delete from "people" where "people"."community_id" = ?');
    expect(db.selectFrom("user").select("id").compile().sql).toBe('select "id" from "user"');
    expect(db.selectFrom("rate_limits").select("key").compile().sql).toBe('select "key" from "rate_limits"');
  });

  it("adds community_id to every inserted row, and to an ON CONFLICT on a per-community key only", () => {
    const q = db
      .insertInto("app_settings")
      .values([
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ])
      .onConflict((oc) => oc.column("key").doNothing())
      .compile();
    expect(q.sql).toBe(
      'insert into "app_settings" ("key", "value", "community_id") values (?, ?, ?), (?, ?, ?) on conflict ("community_id", "key") do nothing',
    );
    expect(q.parameters).toEqual(["a", "1", "c1", "b", "2", "c1"]);
    const byId = db
      .insertInto("groups")
      .values({ id: "g", kind: "k", name: "n", reading: "", created_at: "", updated_at: "" } as never)
      .onConflict((oc) => oc.column("id").doNothing())
      .compile();
    expect(byId.sql).toMatch(/on conflict \("id"\) do nothing$/);
    const fromSelect = db
      .insertInto("app_settings")
      .columns(["key", "value"])
      .expression(db.selectFrom("app_settings").select(["key", "value"]))
      .compile();
    expect(fromSelect.sql).toBe(
      'insert into "app_settings" ("key", "value", "community_id") select "key", "value", \'c1\' as "community_id" from "app_settings" where "app_settings"."community_id" = ?',
    );
  });

  it("refuses what it cannot scope: raw SQL naming a community table, or code setting community_id", () => {
    const raw = (q: { compile(): unknown }) => expect(() => q.compile()).toThrow(UnscopableQueryError);
    expect(() => sql`select * from people`.compile(db)).toThrow(UnscopableQueryError);
    expect(() => sql`delete from "survey_tallies"`.compile(db)).toThrow(UnscopableQueryError);
    raw(db.selectFrom("organisations").select(sql<number>`(select count(*) from "people")`.as("n")));
    raw(db.selectFrom("organisations").select(sql<number>`(select 1 from ${sql.table("people")})`.as("n")));
    raw(db.updateTable("people").set({ community_id: "c2" } as never));
    raw(db.insertInto("people").values({ community_id: "c2" } as never));
    // A row copied from a select carries its own community: the scope's own id passes as it is.
    expect(
      db
        .insertInto("app_settings")
        .values({ community_id: "c1", key: "k", value: "v" } as never)
        .compile().sql,
    ).toBe('insert into "app_settings" ("community_id", "key", "value") values (?, ?, ?)');
    expect(db.selectFrom("organisations").select(sql<string>`lower(name)`.as("n")).compile().sql).toContain("lower");
  });
});

/** A Kysely that compiles SQLite SQL and never connects. */
function compileOnly(): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

describe.each(testDatabases)("two communities on %s", (kind) => {
  const t = useTestDatabase(kind);
  let b: Kysely<DB>;
  const other = newId();

  beforeAll(async () => {
    await t.root
      .insertInto("communities")
      .values({
        id: other,
        slug: "other",
        name: "隣県",
        name_en: null,
        sender_name: null,
        sender_address: null,
        host: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    b = t.root.withPlugin(communityScope(other));
  });

  it("knows the community of a scoped handle, in its transactions too", async () => {
    expect(scopeOf(t.db)).toBe(t.communityId);
    expect(scopeOf(t.root)).toBeUndefined();
    await b.insertInto("app_settings").values({ key: "community_name", value: "B" }).execute();
    await t.db.insertInto("app_settings").values({ key: "community_name", value: "A" }).execute();
    await t.db.transaction().execute(async (trx) => {
      expect(scopeOf(trx)).toBe(t.communityId);
      const rows = await trx.selectFrom("app_settings").select("value").where("key", "=", "community_name").execute();
      expect(rows).toEqual([{ value: "A" }]);
      await trx.updateTable("app_settings").set({ value: "A2" }).execute();
    });
    await t.db.connection().execute(async (connection) => {
      await connection.deleteFrom("app_settings").where("value", "=", "B").execute();
    });
    const all = await t.root.selectFrom("app_settings").select(["community_id", "value"]).orderBy("value").execute();
    expect(all).toEqual([
      { community_id: t.communityId, value: "A2" },
      { community_id: other, value: "B" },
    ]);
  });

  it("keeps keys unique per community: the same setting, e-mail and 法人番号 in both", async () => {
    for (const db of [t.db, b]) {
      await db
        .insertInto("mail_suppressions")
        .values({ email: "a@example.jp", reason: "unsubscribed", created_at: "2021-01-01" })
        .onConflict((oc) => oc.column("email").doNothing())
        .execute();
      await db
        .insertInto("mail_suppressions")
        .values({ email: "a@example.jp", reason: "again", created_at: "2021-01-02" })
        .onConflict((oc) => oc.column("email").doNothing())
        .execute();
    }
    expect(await t.root.selectFrom("mail_suppressions").select("reason").execute()).toEqual([
      { reason: "unsubscribed" },
      { reason: "unsubscribed" },
    ]);
  });

  const row = fc.record({
    name: fc.constantFrom("長崎商事", "佐世保工業", "壱岐水産"),
    corporate: fc.constantFrom("1234567890123", "7000012050002", null),
    email: fc.constantFrom("a@example.jp", "b@example.jp", null),
    inB: fc.boolean(),
  });
  const query = fc.constantFrom(
    "list",
    "by-name",
    "join",
    "left-join-from-b",
    "count",
    "subquery",
    "update",
    "delete",
    "transaction",
  );

  it("never returns, changes or removes the other community's rows (random rows, random queries)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.array(query, { maxLength: 5 }),
        async (rows, queries) => {
          await t.root.deleteFrom("people").execute();
          await t.root.deleteFrom("organisations").execute();
          const marks = new Set<string>();
          for (const r of rows) {
            const db = r.inB ? b : t.db;
            const org = organisationRow({ name: r.name, corporate_number: r.corporate });
            await db.insertInto("organisations").values(org).execute();
            const person = {
              id: newId(),
              organisation_id: org.id,
              family_name: r.name,
              given_name: "",
              family_reading: "",
              given_reading: "",
              mail_opt_in: 0,
              search_text: "",
              email: r.email,
              created_at: "2021-01-01",
              updated_at: "2021-01-01",
            };
            await db.insertInto("people").values(person).execute();
            if (r.inB) marks.add(org.id).add(person.id);
          }
          const seen: unknown[] = [];
          const a = t.db;
          for (const q of queries) {
            if (q === "list") seen.push(...(await a.selectFrom("organisations").selectAll().execute()));
            if (q === "by-name")
              seen.push(
                ...(await a.selectFrom("people").selectAll().where("family_name", "=", rows[0]!.name).execute()),
              );
            if (q === "join")
              seen.push(
                ...(await a
                  .selectFrom("people")
                  .innerJoin("organisations as o", "o.corporate_number", "o.corporate_number")
                  .select(["people.id as pid", "o.id as oid"])
                  .execute()),
              );
            if (q === "left-join-from-b") {
              // Joined on a column the two communities share (the name): B's rows never come in.
              const joined = await a
                .selectFrom("organisations as o")
                .leftJoin("people as p", "p.family_name", "o.name")
                .select(["o.id as oid", "p.id as pid"])
                .execute();
              seen.push(...joined);
            }
            if (q === "count") {
              const n = await a
                .selectFrom("people")
                .select((eb) => eb.fn.countAll<number>().as("n"))
                .executeTakeFirstOrThrow();
              const own = await t.root
                .selectFrom("people")
                .select("id")
                .where("community_id", "=", t.communityId)
                .execute();
              expect(Number(n.n)).toBe(own.length);
            }
            if (q === "subquery")
              seen.push(
                ...(await a
                  .selectFrom("organisations")
                  .select("id")
                  .where("id", "in", a.selectFrom("people").select("organisation_id"))
                  .execute()),
              );
            if (q === "update") await a.updateTable("organisations").set({ notes: "touched by A" }).execute();
            if (q === "delete") await a.deleteFrom("people").where("email", "is not", null).execute();
            if (q === "transaction")
              await a.transaction().execute(async (trx) => {
                seen.push(...(await trx.selectFrom("people").select("id").execute()));
                await trx.updateTable("people").set({ notes: "touched by A" }).execute();
              });
          }
          for (const value of seen.flatMap((r) => Object.values(r as object)))
            expect(marks.has(String(value))).toBe(false);
          const bPeople = await b.selectFrom("people").select(["id", "notes"]).execute();
          const bOrgs = await b.selectFrom("organisations").select(["id", "notes"]).execute();
          expect(bPeople.length + bOrgs.length).toBe(marks.size);
          for (const r of [...bPeople, ...bOrgs]) expect(r.notes).toBeNull();
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe.each(testDatabases)("the community tables on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("are every table but the installation's, each with a not-null community_id", async () => {
    const tables = (await t.root.introspection.getTables()).filter(
      (table) =>
        !table.name.startsWith("kysely_migration") && (table.schema === undefined || table.schema === "public"),
    );
    const names = tables.map((table) => table.name).sort();
    expect(names).toEqual([...COMMUNITY_TABLES, ...INSTALLATION_TABLES].sort());
    for (const table of tables) {
      const column = table.columns.find((c) => c.name === "community_id");
      if ((COMMUNITY_TABLES as readonly string[]).includes(table.name))
        expect(column?.isNullable, table.name).toBe(false);
      // A programme lists communities (data about them, read only by core/programme over root).
      else if (table.name === "programme_communities") expect(column?.isNullable, table.name).toBe(false);
      else expect(column, table.name).toBeUndefined();
    }
  });
});
