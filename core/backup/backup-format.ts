/**
 * The backup file: gzip'd JSON lines, readable with `zcat | head` and independent of the dialect.
 *
 *   line 1       header: format, version, created_at, migrations, tables [{ name, columns, rows }]
 *   then         for each table of the header in its order, `rows` lines, each a JSON array of
 *                the row's values in `columns` order (dates as ISO text; see toPortableValue)
 *   then         each file of the file storage (core/storage; on the local disk the files under
 *                <dataDir>/uploads/, the key being the path below it) as consecutive lines
 *                { "file": "a/b.pdf", "data": base64, "more": true } of up to 3 MiB each, the last
 *                one without "more" (version 1 wrote a whole file per line: a seminar recording of
 *                a few hundred MB then exceeded what one JavaScript string can hold)
 *   last line    { "end": true, "rows": total rows, "files": number of files }
 *
 * Tables come parents first (foreign keys), so a restore can insert them in file order; the last
 * line lets a restore tell a complete file from a truncated one.
 */
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { z } from "zod";
import type { TableDescription } from "../../db/describe-tables.ts";
import { AppError } from "../shared/errors.ts";
import { checkKey } from "../storage/port.ts";

export const BACKUP_FORMAT = "chiiki-backup";
export const BACKUP_VERSION = 2;
/** Versions a restore reads: version 1 is version 2 with every file in one piece. */
export const READABLE_BACKUP_VERSIONS: readonly number[] = [1, 2];
/** Bytes of a file per line; a multiple of 3, so no part's base64 carries padding but the last. */
export const FILE_PART_BYTES = 3 * 1024 * 1024;

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int(),
  created_at: z.string(),
  source_dialect: z.string(),
  migrations: z.array(z.string()),
  tables: z.array(z.object({ name: z.string(), columns: z.array(z.string()).min(1), rows: z.number().int().min(0) })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const backupFileLineSchema = z.object({
  file: z.string().min(1),
  data: z.string(),
  more: z.literal(true).optional(),
});
export const backupEndLineSchema = z.object({ end: z.literal(true), rows: z.number().int(), files: z.number().int() });

/**
 * Why a file cannot be restored. `reason` is a catalog key (`backup.reason.*`) so the operator
 * reads the cause in their language; the other params fill it in.
 */
export function invalidBackup(reason: string, params: Record<string, string | number> = {}, cause?: unknown): AppError {
  return new AppError("backup-invalid", {
    params: { reason: `backup.reason.${reason}`, ...params },
    message: `backup-invalid: ${reason}`,
    cause,
  });
}

/**
 * Orders tables so that every table comes after the tables it references. Throws on a cycle
 * between different tables (self-references are handled row by row by the restore).
 */
export function orderParentsFirst(tables: TableDescription[]): TableDescription[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: TableDescription[] = [];
  const visit = (table: TableDescription) => {
    if (done.has(table.name)) return;
    if (visiting.has(table.name)) throw new Error(`foreign keys form a cycle through ${table.name}`);
    visiting.add(table.name);
    for (const parent of table.references) {
      const described = byName.get(parent);
      if (described) visit(described);
    }
    visiting.delete(table.name);
    done.add(table.name);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** A file's key (its path inside uploads/), checked so that a crafted backup cannot write outside the store. */
export function safeUploadPath(relative: string): string | null {
  if (relative.includes("\\") || relative.includes("\0") || path.posix.isAbsolute(relative)) return null;
  const normal = path.posix.normalize(relative);
  if (normal !== relative || normal.startsWith("../") || normal === ".." || normal === ".") return null;
  try {
    return checkKey(normal);
  } catch {
    return null;
  }
}

/**
 * Splits a text stream into lines. Unlike node:readline, errors of the stream (a damaged gzip)
 * reach the consumer instead of ending the iteration quietly.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  // The current line's pieces, joined once at its end: a long line (a large upload) is neither
  // rescanned nor copied per chunk.
  let pieces: string[] = [];
  for await (const chunk of stream) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    let start = 0;
    let newline: number;
    while ((newline = text.indexOf("\n", start)) !== -1) {
      pieces.push(text.slice(start, newline));
      yield pieces.join("");
      pieces = [];
      start = newline + 1;
    }
    if (start < text.length) pieces.push(text.slice(start));
  }
  pieces.push(decoder.end());
  const last = pieces.join("");
  if (last) yield last;
}
