/**
 * Every difference between SQLite and PostgreSQL that the rest of the code may need lives here.
 */
import { type Kysely, PostgresAdapter, sql } from "kysely";

export type DialectName = "sqlite" | "postgres";

export function dialectOf(db: Kysely<any>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/** Column types for Better Auth's tables, which expect native booleans and dates on PostgreSQL. */
export function authColumnTypes(dialect: DialectName) {
  return dialect === "postgres"
    ? ({ bool: "boolean", date: "timestamptz" } as const)
    : ({ bool: "integer", date: "date" } as const);
}

/** Case-insensitive substring match that behaves the same on both dialects. */
export function containsInsensitive(column: string, needle: string) {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
}

/**
 * Values for Better Auth's date and boolean columns, written the way its Kysely adapter writes
 * them (native on PostgreSQL; ISO text and 0/1 on SQLite), for the few rows we insert ourselves.
 */
export function authDate(dialect: DialectName, date: Date): Date | string {
  return dialect === "postgres" ? date : date.toISOString();
}

export function authBool(dialect: DialectName, value: boolean): boolean | number {
  return dialect === "postgres" ? value : value ? 1 : 0;
}
