/**
 * Snapshots of a test database's rows, restored in place: how every test starts from the data its
 * suite set up (ADR 022). The database object, its connections and everything built over it (the
 * services, Better Auth, a second connection) stay as they are; only the rows go back.
 *
 * - SQLite (in memory): the tables that hold rows are copied into an attached in-memory database;
 *   temporary row triggers (this connection's only, not in the schema) note each write's table,
 *   and restoring empties and re-fills only the tables written since, with foreign keys off. A
 *   test that wrote nothing (`total_changes()` did not move) costs one query.
 * - PostgreSQL: the tables that hold rows are copied into a schema of their own. A statement trigger on every
 *   table notes each write's table in `chiiki_test.dirty` (numbered by a sequence, no unique key,
 *   so concurrent writers never wait on each other); a snapshot remembers the number it was taken
 *   at, and restoring re-copies only the tables written since, in one transaction, with
 *   `session_replication_role = replica` (foreign keys and the marking trigger do not fire: the
 *   test role must be a superuser, as the `postgres` role of CI and docs/testing.md is).
 *
 * Only tables are restored, which is all the migrations create (no views, triggers, sequences).
 */
import { sql } from "kysely";
import type { Database } from "../../db/create-db.ts";

export interface Snapshot {
  readonly name: string;
  restore(): Promise<void>;
  /** True when nothing may have been written since the snapshot was taken or last restored. */
  clean(): Promise<boolean>;
}

let counter = 0;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The application's tables (not Kysely's migration bookkeeping, which a test does not change). */
async function tableNames(database: Database): Promise<string[]> {
  const rows =
    database.dialect === "sqlite"
      ? await sql<{ name: string }>`
          select name from main.sqlite_master
          where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_migration%'
          order by name`.execute(database.root)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'
            and table_name not like 'kysely_migration%'
          order by table_name`.execute(database.root);
  return rows.rows.map((r) => r.name);
}

export async function takeSnapshot(database: Database): Promise<Snapshot> {
  const tables = await tableNames(database);
  const name = `chiiki_snapshot_${++counter}`;
  return database.dialect === "sqlite"
    ? sqliteSnapshot(database, name, tables)
    : postgresSnapshot(database, name, tables);
}

/** The tables that hold rows: only those are copied (an empty one is restored by emptying it). */
async function tablesWithRows(database: Database, tables: string[]): Promise<Set<string>> {
  if (tables.length === 0) return new Set();
  const query = tables
    .map((t) => `select '${t.replaceAll("'", "''")}' as name where exists (select 1 from ${quote(t)})`)
    .join(" union all ");
  return new Set((await sql.raw<{ name: string }>(query).execute(database.root)).rows.map((r) => r.name));
}

/** Row triggers (temporary: they live in this connection only, not in the schema) note each write's table. */
async function markSqliteWrites(database: Database, tables: string[]): Promise<void> {
  const run = (statement: string) => sql.raw(statement).execute(database.root);
  const installed = await sql<{ n: number }>`
    select count(*) as n from temp.sqlite_master where name = 'chiiki_test_dirty'`.execute(database.root);
  if (Number(installed.rows[0]!.n) > 0) return;
  await run("create temp table chiiki_test_dirty (id integer primary key autoincrement, name text not null)");
  for (const [index, table] of tables.entries())
    for (const event of ["insert", "update", "delete"])
      await run(
        `create temp trigger chiiki_test_dirty_${index}_${event} after ${event} on main.${quote(table)}
         begin insert into chiiki_test_dirty (name) values ('${table.replaceAll("'", "''")}'); end`,
      );
}

async function sqliteSnapshot(database: Database, name: string, tables: string[]): Promise<Snapshot> {
  const run = (statement: string) => sql.raw(statement).execute(database.root);
  const changes = async () =>
    Number((await sql<{ n: number }>`select total_changes() as n`.execute(database.root)).rows[0]!.n);
  await markSqliteWrites(database, tables);
  const copied = await tablesWithRows(database, tables);
  await run(`attach database ':memory:' as ${name}`);
  for (const table of copied) await run(`create table ${name}.${quote(table)} as select * from main.${quote(table)}`);
  // Writes numbered above `mark` came after this snapshot (those below it belong to older ones).
  const mark = Number(
    (await sql<{ n: number }>`select coalesce(max(id), 0) as n from chiiki_test_dirty`.execute(database.root)).rows[0]!
      .n,
  );
  let baseline = await changes();
  return {
    name,
    clean: async () => (await changes()) === baseline,
    async restore() {
      if ((await changes()) === baseline) return;
      const written = (
        await sql<{ name: string }>`select distinct name from chiiki_test_dirty where id > ${mark}`.execute(
          database.root,
        )
      ).rows.map((r) => r.name);
      await run("pragma foreign_keys = off");
      try {
        await run("begin");
        for (const table of written) {
          await run(`delete from main.${quote(table)}`);
          if (copied.has(table)) await run(`insert into main.${quote(table)} select * from ${name}.${quote(table)}`);
        }
        await run(`delete from chiiki_test_dirty where id > ${mark}`);
        await run("commit");
      } catch (error) {
        await run("rollback").catch(() => {});
        throw error;
      } finally {
        await run("pragma foreign_keys = on");
      }
      baseline = await changes();
    },
  };
}

/** The marking trigger on every table, installed once per database (it outlives snapshots). */
async function markWrites(database: Database, tables: string[]): Promise<void> {
  const installed = await sql<{ n: number }>`
    select count(*) as n from information_schema.schemata where schema_name = 'chiiki_test'`.execute(database.root);
  if (Number(installed.rows[0]!.n) > 0) return;
  const statements = [
    "create schema chiiki_test",
    "create unlogged table chiiki_test.dirty (id bigserial, name text not null)",
    `create function chiiki_test.mark_dirty() returns trigger language plpgsql as $$
       begin insert into chiiki_test.dirty (name) values (tg_table_name); return null; end $$`,
    ...tables.map(
      (table) =>
        `create trigger chiiki_test_dirty after insert or update or delete or truncate on ${quote(table)}
         for each statement execute function chiiki_test.mark_dirty()`,
    ),
  ];
  await sql.raw(statements.join(";\n")).execute(database.root);
}

async function postgresSnapshot(database: Database, name: string, tables: string[]): Promise<Snapshot> {
  await markWrites(database, tables);
  const copied = await tablesWithRows(database, tables);
  await sql
    .raw(
      [
        `create schema ${name}`,
        ...[...copied].map((t) => `create table ${name}.${quote(t)} as select * from ${quote(t)}`),
      ].join(";\n"),
    )
    .execute(database.root);
  // Writes numbered above `mark` came after this snapshot (those below it belong to older ones).
  const mark = Number(
    (await sql<{ n: number }>`select coalesce(max(id), 0) as n from chiiki_test.dirty`.execute(database.root)).rows[0]!
      .n,
  );
  const dirty = async () =>
    (
      await sql<{ name: string }>`select distinct name from chiiki_test.dirty where id > ${mark}`.execute(database.root)
    ).rows.map((r) => r.name);
  return {
    name,
    clean: async () => (await dirty()).length === 0,
    async restore() {
      const written = (await dirty()).filter((t) => tables.includes(t));
      const statements = written.flatMap((t) => [
        `delete from ${quote(t)}`,
        ...(copied.has(t) ? [`insert into ${quote(t)} select * from ${name}.${quote(t)}`] : []),
      ]);
      // One round trip: the simple query protocol runs the statements as one implicit transaction.
      await sql
        .raw(
          [
            "begin",
            "set local session_replication_role = replica",
            ...statements,
            `delete from chiiki_test.dirty where id > ${mark}`,
            "commit",
          ].join(";\n"),
        )
        .execute(database.root);
    },
  };
}
