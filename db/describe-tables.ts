/**
 * The application's tables as the migrations created them: columns with their declared types,
 * primary keys and the tables each one references. Kysely's introspection knows tables and
 * columns; keys need a dialect-specific query, which is why this lives in db/.
 */
import { type Kysely, sql } from "kysely";
import { dialectOf } from "./dialect.ts";

export interface TableDescription {
  name: string;
  columns: { name: string; dataType: string }[];
  /** Primary key columns in key order (empty when the table has none). */
  primaryKey: string[];
  /** Other tables this one holds foreign keys to. */
  references: string[];
  /** Columns holding a foreign key to this same table (e.g. `merged_into_id`). */
  selfReferences: string[];
}

/** Every base table except Kysely's own migration bookkeeping, by name. */
export async function describeTables(db: Kysely<any>): Promise<TableDescription[]> {
  const tables = (await db.introspection.getTables())
    .filter(
      (t) => !t.isView && !t.name.startsWith("kysely_migration") && (t.schema === undefined || t.schema === "public"),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const keys =
    dialectOf(db) === "postgres"
      ? await postgresKeys(db)
      : await sqliteKeys(
          db,
          tables.map((t) => t.name),
        );
  return tables.map((t) => ({
    name: t.name,
    columns: t.columns.map((c) => ({ name: c.name, dataType: c.dataType })),
    primaryKey: keys.primaryKeys.get(t.name) ?? [],
    references: [...new Set((keys.references.get(t.name) ?? []).map((r) => r.parent))]
      .filter((parent) => parent !== t.name)
      .sort(),
    selfReferences: (keys.references.get(t.name) ?? []).filter((r) => r.parent === t.name).flatMap((r) => r.columns),
  }));
}

interface Keys {
  primaryKeys: Map<string, string[]>;
  references: Map<string, { parent: string; columns: string[] }[]>;
}

async function sqliteKeys(db: Kysely<any>, tables: string[]): Promise<Keys> {
  const primaryKeys = new Map<string, string[]>();
  const references: Keys["references"] = new Map();
  for (const table of tables) {
    const columns = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(
      db,
    );
    primaryKeys.set(
      table,
      columns.rows
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    );
    const foreign = await sql<{
      table: string;
      from: string;
    }>`select "table", "from" from pragma_foreign_key_list(${table})`.execute(db);
    references.set(
      table,
      foreign.rows.map((f) => ({ parent: f.table, columns: [f.from] })),
    );
  }
  return { primaryKeys, references };
}

async function postgresKeys(db: Kysely<any>): Promise<Keys> {
  const rows = await sql<{ table_name: string; kind: string; columns: string[]; parent: string | null }>`
    select c.conrelid::regclass::text as table_name, c.contype as kind,
           array(select a.attname::text from unnest(c.conkey) with ordinality k(num, ord)
                 join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.num order by k.ord) as columns,
           case when c.contype = 'f' then c.confrelid::regclass::text end as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where n.nspname = 'public' and c.contype in ('p', 'f')`.execute(db);
  const primaryKeys = new Map<string, string[]>();
  const references: Keys["references"] = new Map();
  // regclass::text quotes names that need it (e.g. "user"); the introspected names are bare.
  const bare = (name: string) => name.replace(/^"(.*)"$/, "$1").replace(/""/g, '"');
  for (const row of rows.rows) {
    const table = bare(row.table_name);
    if (row.kind === "p") primaryKeys.set(table, row.columns);
    else references.set(table, [...(references.get(table) ?? []), { parent: bare(row.parent!), columns: row.columns }]);
  }
  return { primaryKeys, references };
}

/** Names of the migrations applied to this database, sorted. */
export async function listAppliedMigrations(db: Kysely<any>): Promise<string[]> {
  const rows = await db.selectFrom("kysely_migration").select("name").orderBy("name").execute();
  return rows.map((r) => String(r.name));
}
