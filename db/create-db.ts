import { mkdirSync } from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDriver,
} from "kysely";
import { Migrator, type MigrationResultSet } from "kysely/migration";
import pg from "pg";
import type { DialectName } from "./dialect.ts";
import { migrations } from "./migrations/index.ts";
import type { DB } from "./schema.ts";

export interface Database {
  /**
   * The database as the code sees it: for a community's services, scoped to that community by
   * the plugin of db/community-scope.ts (ADR 035); as `createDb` returns it, unscoped (= `root`).
   */
  db: Kysely<DB>;
  /** The unscoped handle, for what the whole installation does: migrations, backups, the outbox worker. */
  root: Kysely<DB>;
  dialect: DialectName;
  destroy(): Promise<void>;
}

export interface CreateDbOptions {
  /** `postgres://…` for PostgreSQL; otherwise SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  sqliteFile?: string;
  poolSize?: number;
  onIdleClientError?: (error: Error) => void;
}

/** The one way to open the database, for both dialects. */
export function createDb(options: CreateDbOptions): Database {
  if (options.databaseUrl && /^postgres(ql)?:\/\//.test(options.databaseUrl)) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // bigint and numeric come back as numbers, as they do from SQLite: counts stay below 2^53.
      types: {
        getTypeParser: (oid: number, format?: any) =>
          oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
      },
    });
    // An idle client whose connection dies is dropped by the pool and replaced on the next query;
    // without a listener the error would crash the process.
    pool.on("error", (error) => options.onIdleClientError?.(error));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, root: db, dialect: "postgres", destroy: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ":memory:";
  if (file !== ":memory:") mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma("journal_mode = WAL");
  // FULL: a commit is on disk before we acknowledge it, even across a power cut.
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  cacheStatements(sqlite);
  const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  return { db, root: db, dialect: "sqlite", destroy: () => db.destroy() };
}

/**
 * Every SQLite transaction begins IMMEDIATE: it takes the database's write lock before its first
 * read. A second connection writes to the same file (the seat-allocation thread, a CLI command):
 * a DEFERRED transaction that read first and then wrote after that connection had committed would
 * fail at once with SQLITE_BUSY; an IMMEDIATE one waits its turn (busy_timeout) instead.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver(): Driver {
    const driver = super.createDriver() as SqliteDriver;
    driver.beginTransaction = async (connection: DatabaseConnection) => {
      await connection.executeQuery(CompiledQuery.raw("begin immediate"));
    };
    return driver;
  }
}

const STATEMENT_CACHE_SIZE = 1000;

/**
 * Kysely's SQLite driver prepares every query anew, and preparing costs as much as running a
 * short query. Our queries come from a fixed set of builders, so the same SQL text repeats: keep
 * the most recently used statements. Safe because Kysely runs one query at a time on this
 * connection (a streamed query holds the connection until its iterator is done), and SQLite
 * re-prepares a cached statement by itself when a migration changes the schema.
 */
function cacheStatements(sqlite: BetterSqlite3.Database): void {
  const cache = new Map<string, BetterSqlite3.Statement>();
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) cache.delete(source);
    else statement = prepare(source);
    cache.set(source, statement);
    if (cache.size > STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    return statement;
  }) as typeof sqlite.prepare;
}

/** Applies every pending migration; safe to call from several processes at once. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  // Capabilities number their migrations in their own blocks (see ARCHITECTURE.md), so a block
  // may land after a later-numbered one has run somewhere; each migration stands on its own.
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
