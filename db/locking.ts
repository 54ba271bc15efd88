/**
 * The one locking primitive for work that must be exact under concurrency (seat allocation, see
 * docs/seat-allocation.md): a write transaction in which the caller holds a named row exclusively
 * until commit.
 *
 * - SQLite: `BEGIN IMMEDIATE` (how db/create-db.ts begins every SQLite transaction) takes the
 *   database's single write lock before the first read, so what the transaction reads cannot
 *   change under it — not from this connection (Kysely runs one transaction at a time on it) nor
 *   from another connection on the same file, in this process or another (it waits on
 *   busy_timeout instead of failing later with SQLITE_BUSY when upgrading a read lock). Row
 *   locks are then implied.
 * - PostgreSQL: a READ COMMITTED transaction in which `lockRow` runs `SELECT … FOR UPDATE`:
 *   concurrent transactions on the same row queue on it, and each re-reads after the previous
 *   committed.
 */
import type { Kysely, SelectQueryBuilder } from "kysely";
import { dialectOf } from "./dialect.ts";
import type { DB, Row } from "./schema.ts";

/**
 * Runs `work` in a transaction that may take exclusive row locks with `lockRow`. (Every SQLite
 * transaction begins IMMEDIATE: db/create-db.ts.)
 */
export async function exclusiveTransaction<T>(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}

/**
 * Holds the row `id` of `table` until the transaction ends (PostgreSQL); on SQLite the
 * transaction already holds the write lock. Returns the row as locked, or undefined when it
 * does not exist.
 */
export async function lockRow(trx: Kysely<DB>, table: "events", id: string): Promise<Row<"events"> | undefined> {
  const query = trx.selectFrom(table).selectAll().where("id", "=", id);
  return (dialectOf(trx) === "postgres" ? query.forUpdate() : query).executeTakeFirst();
}

/**
 * Makes a subquery that picks rows to claim (`UPDATE … WHERE id IN (pick)`) skip the rows another
 * transaction is claiming at this moment, instead of waiting for it and then finding them gone.
 * - PostgreSQL: `FOR UPDATE SKIP LOCKED` — each picked row is locked by the pick itself (in the
 *   order of its ORDER BY, so concurrent claims never deadlock) and re-checked against its latest
 *   committed version, so concurrent claimers take disjoint rows.
 * - SQLite: one statement is atomic under the single write lock: nothing to add.
 */
export function skipLocked<DBT, TB extends keyof DBT, O>(
  pick: SelectQueryBuilder<DBT, TB, O>,
  db: Kysely<DB>,
): SelectQueryBuilder<DBT, TB, O> {
  return dialectOf(db) === "postgres" ? pick.forUpdate().skipLocked() : pick;
}

/** A unique constraint refused the write (better-sqlite3 and pg name it differently). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
