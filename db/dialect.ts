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

/**
 * A column value as the dialect-neutral JSON a backup stores: dates become ISO-8601 text, bytes
 * `{ "$base64": … }`; Better Auth's booleans keep whatever form the source dialect used.
 */
export function toPortableValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value).toString("base64") };
  if (typeof value === "bigint") return Number(value);
  return value;
}

/**
 * The reverse of `toPortableValue`, for a column of the introspected `dataType` in `dialect`:
 * Better Auth's dates and booleans are written the way `authDate`/`authBool` write them, whatever
 * dialect the value came from (PostgreSQL `true` ↔ SQLite `1`, `timestamptz` ↔ ISO text).
 */
export function fromPortableValue(dialect: DialectName, dataType: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && "$base64" in value) return Buffer.from(String(value.$base64), "base64");
  const type = dataType.toLowerCase();
  if (type === "bool" || type === "boolean" || typeof value === "boolean") {
    return authBool(dialect, value === true || value === 1 || value === "1" || value === "true");
  }
  // Better Auth's date columns: `timestamptz` on PostgreSQL, declared `date` (ISO text) on SQLite.
  if ((type === "timestamptz" || (dialect === "sqlite" && type === "date")) && typeof value === "string") {
    return authDate(dialect, new Date(value));
  }
  return value;
}
