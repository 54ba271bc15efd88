import { type Kysely, sql } from "kysely";
import { COMMUNITY_TABLES } from "../community-tables.ts";
import { dialectOf } from "../dialect.ts";
import { newId } from "../ids.ts";

/**
 * Several communities in one installation (issue 18, ADR 035). `communities` holds them; every
 * community table (db/community-tables.ts) gains `community_id`, filled with the one community
 * an existing installation becomes: its rows, settings and addresses stay as they were.
 *
 * Keys that were unique in the installation become unique per community (they start with
 * `community_id`, so that the scope plugin can add it to an `on conflict` list), and every other
 * index starts with `community_id` too (a community's pages read only its rows). Keys of random
 * tokens and of rows under a parent with a global id stay as they are.
 *
 * SQLite cannot add a not-null foreign key column, nor drop a column's unique constraint: each
 * table is rebuilt (create the new table, copy, drop, rename) with foreign keys off, in one
 * transaction, checked with `foreign_key_check` before the commit.
 */

interface KeyChange {
  /** The constraints this change replaces, by their PostgreSQL names. */
  drop: string[];
  /** The same constraints in SQLite's CREATE TABLE text, each removed (or rewritten) there. */
  sqlite: [RegExp, string][];
  /** The new constraint: its name and kind, and its columns after `community_id`. */
  add: { name: string; kind: "primary key" | "unique"; columns: string[] };
}

const KEY_CHANGES: Record<string, KeyChange[]> = {
  app_settings: [primary("app_settings", '"key" text primary key', '"key" text not null', ["key"])],
  mail_suppressions: [primary("mail_suppressions", '"email" text primary key', '"email" text not null', ["email"])],
  personal_feed_tokens: [
    primary("personal_feed_tokens", '"user_id" text primary key', '"user_id" text not null', ["user_id"]),
  ],
  feed_subscriptions: [inlineUnique("feed_subscriptions", "url", '"url" text not null unique', '"url" text not null')],
  outbox_messages: [inlineUnique("outbox_messages", "dedupe_key", '"dedupe_key" text unique', '"dedupe_key" text')],
  report_edits: [tableConstraint("report_edits_block_unique", "unique", ["fiscal_year", "block_id"])],
  survey_tallies: [tableConstraint("survey_tallies_pk", "primary key", ["survey_id", "question", "row_key", "value"])],
  survey_text_reviews: [tableConstraint("survey_text_reviews_pk", "primary key", ["response_id", "question", "kind"])],
  survey_question_mappings: [tableConstraint("survey_question_mappings_pk", "primary key", ["survey_id", "question"])],
};

/** Unique indexes that become unique per community; every other unique index stays as it is. */
const PER_COMMUNITY_UNIQUE_INDEXES = new Set(["people_user_unique", "posts_feed_item_idx"]);

function primary(table: string, before: string, after: string, columns: string[]): KeyChange {
  return {
    drop: [`${table}_pkey`],
    sqlite: [[new RegExp(escapeRegExp(before)), after]],
    add: { name: `${table}_pkey`, kind: "primary key", columns },
  };
}

function inlineUnique(table: string, column: string, before: string, after: string): KeyChange {
  const name = `${table}_${column}_key`;
  return {
    drop: [name],
    sqlite: [[new RegExp(escapeRegExp(before)), after]],
    add: { name, kind: "unique", columns: [column] },
  };
}

function tableConstraint(name: string, kind: "primary key" | "unique", columns: string[]): KeyChange {
  return {
    drop: [name],
    sqlite: [[new RegExp(`,\\s*constraint "${name}" ${kind} \\([^)]*\\)`), ""]],
    add: { name, kind, columns },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function constraintSql(change: KeyChange): string {
  const columns = ["community_id", ...change.add.columns].map((c) => `"${c}"`).join(", ");
  return `constraint "${change.add.name}" ${change.add.kind} (${columns})`;
}

/** An index definition with `community_id` as its first column. */
function withCommunityFirst(definition: string, table: string): string {
  const on = new RegExp(`(\\bon\\s+(?:public\\.)?"?${table}"?\\s*(?:using\\s+\\w+\\s*)?\\()`, "i");
  if (!on.test(definition)) throw new Error(`0700: cannot read the index ${definition}`);
  return definition.replace(on, `$1"community_id", `);
}

export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const tables = COMMUNITY_TABLES.filter((t) => existing.has(t));
  const name = await db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "community_name")
    .executeTakeFirst();
  const id = newId();

  const work = async (trx: Kysely<any>) => {
    await trx.schema
      .createTable("communities")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("slug", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("name_en", "text")
      .addColumn("sender_name", "text")
      .addColumn("sender_address", "text")
      .addColumn("host", "text", (c) => c.unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await trx
      .insertInto("communities")
      .values({ id, slug: "default", name: name?.value || "Chiiki", created_at: new Date().toISOString() })
      .execute();
    for (const table of tables) {
      if (dialect === "postgres") await addColumnPostgres(trx, table, id);
      else await rebuildSqlite(trx, table, id);
    }
  };

  if (dialect === "postgres") {
    // The migrator runs each PostgreSQL migration in a transaction already.
    await work(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      await work(trx);
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`0700: foreign keys broken: ${JSON.stringify(broken.rows[0])}`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

async function addColumnPostgres(db: Kysely<any>, table: string, id: string): Promise<void> {
  const t = sql.table(table);
  await sql`alter table ${t} add column community_id text not null default ${sql.lit(id)} references communities (id)`.execute(
    db,
  );
  await sql`alter table ${t} alter column community_id drop default`.execute(db);
  for (const change of KEY_CHANGES[table] ?? []) {
    for (const name of change.drop) await sql`alter table ${t} drop constraint ${sql.id(name)}`.execute(db);
    await sql`alter table ${t} add ${sql.raw(constraintSql(change))}`.execute(db);
  }
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db);
  for (const index of indexes.rows) {
    if (/^create unique/i.test(index.indexdef) && !PER_COMMUNITY_UNIQUE_INDEXES.has(index.indexname)) continue;
    await sql`drop index ${sql.id(index.indexname)}`.execute(db);
    await sql.raw(withCommunityFirst(index.indexdef, table)).execute(db);
  }
}

async function rebuildSqlite(db: Kysely<any>, table: string, id: string): Promise<void> {
  const create = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const indexes = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(db);
  const columns = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
  let ddl = create.rows[0]!.sql;
  const head = new RegExp(`^create table "?${table}"? \\(`, "i");
  if (!head.test(ddl)) throw new Error(`0700: cannot read the table ${table}`);
  ddl = ddl.replace(
    head,
    `create table "${table}__0700" ("community_id" text not null references "communities" ("id"), `,
  );
  for (const change of KEY_CHANGES[table] ?? []) {
    for (const [pattern, replacement] of change.sqlite) {
      if (!pattern.test(ddl)) throw new Error(`0700: ${table} has no ${pattern}`);
      ddl = ddl.replace(pattern, replacement);
    }
    ddl = ddl.replace(/\)\s*$/, `, ${constraintSql(change)})`);
  }
  const list = columns.rows.map((c) => `"${c.name}"`).join(", ");
  await sql.raw(ddl).execute(db);
  await sql
    .raw(`insert into "${table}__0700" ("community_id", ${list}) select '${id}', ${list} from "${table}"`)
    .execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${table}__0700" rename to "${table}"`).execute(db);
  for (const index of indexes.rows) {
    const keep = /^create unique/i.test(index.sql) && !PER_COMMUNITY_UNIQUE_INDEXES.has(index.name);
    await sql.raw(keep ? index.sql : withCommunityFirst(index.sql, table)).execute(db);
  }
}

export async function down(): Promise<void> {
  // Several communities cannot be folded back into one installation; restore a backup instead.
  throw new Error("0700-communities cannot be undone: restore a backup taken before it");
}
