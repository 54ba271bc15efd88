import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Kysely } from "kysely";
import { describeTables, listAppliedMigrations, type TableDescription } from "../../db/describe-tables.ts";
import { type DialectName, toPortableValue } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import { type FileStorage, isStorageNotFound } from "../storage/port.ts";
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  FILE_PART_BYTES,
  orderParentsFirst,
} from "./backup-format.ts";

export interface BackupDeps {
  /** The acting community's database (the audit event goes there). */
  db: Kysely<DB>;
  /** The whole installation, every community's rows: what a backup holds (ADR 035). */
  root: Kysely<DB>;
  dialect: DialectName;
  clock: Clock;
  /** The uploaded files (core/storage): every key is backed up, and restored under the same key. */
  storage: FileStorage;
}

export interface BackupSummary {
  tables: { name: string; rows: number }[];
  rows: number;
  files: number;
}

/** Rows read per query while writing; keeps memory flat for large tables. */
const PAGE_SIZE = 1000;

/**
 * Writes a consistent snapshot of every table and every stored file to `file` (see
 * backup-format.ts). The file appears only once complete: it is written beside the target and
 * renamed at the end, so a failed backup never leaves something that looks like a backup.
 */
export async function createBackup(deps: BackupDeps, actor: Actor, file: string): Promise<BackupSummary> {
  requireSecretariat(actor);
  const db = deps.root as unknown as Kysely<any>;
  const tables = orderParentsFirst(await describeTables(db));
  const migrations = await listAppliedMigrations(db);
  const target = path.resolve(file);
  const partial = `${target}.${randomBytes(4).toString("hex")}.partial`;
  let summary: BackupSummary;
  try {
    // Repeatable read: every table is read from the same moment, even while the server writes.
    summary = await db
      .transaction()
      .setIsolationLevel("repeatable read")
      .execute(async (trx) => {
        const counted: BackupSummary["tables"] = [];
        for (const table of tables) {
          const row = await trx
            .selectFrom(table.name)
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow();
          counted.push({ name: table.name, rows: Number(row.n) });
        }
        const header: BackupHeader = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          created_at: deps.clock.now().toISOString(),
          source_dialect: deps.dialect,
          migrations,
          tables: tables.map((t, i) => ({
            name: t.name,
            columns: t.columns.map((c) => c.name),
            rows: counted[i]!.rows,
          })),
        };
        // Listed after the snapshot began: every file a backed-up row names is already there.
        const uploads = await listStoredKeys(deps.storage);
        const written = { files: 0 };
        await pipeline(
          backupLines(trx, header, tables, deps.storage, uploads, written),
          createGzip(),
          createWriteStream(partial, { flags: "wx", mode: 0o600 }),
        );
        return { tables: counted, rows: counted.reduce((sum, t) => sum + t.rows, 0), files: written.files };
      });
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "backup.create",
    entityType: "backup",
    entityId: null,
    after: { file: target, tables: summary.tables.length, rows: summary.rows, files: summary.files },
  });
  return summary;
}

/** The stream's data in parts of exactly FILE_PART_BYTES (the last may be shorter). */
async function* readParts(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    pending.push(chunk);
    size += chunk.length;
    while (size >= FILE_PART_BYTES) {
      const joined = Buffer.concat(pending);
      yield joined.subarray(0, FILE_PART_BYTES);
      pending = [joined.subarray(FILE_PART_BYTES)];
      size = joined.length - FILE_PART_BYTES;
    }
  }
  if (size > 0) yield Buffer.concat(pending);
}

async function* backupLines(
  trx: Kysely<any>,
  header: BackupHeader,
  tables: TableDescription[],
  storage: FileStorage,
  uploads: string[],
  written: { files: number },
): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  let total = 0;
  for (const [index, table] of tables.entries()) {
    const columns = table.columns.map((c) => c.name);
    const order = table.primaryKey.length > 0 ? table.primaryKey : columns;
    const expected = header.tables[index]!.rows;
    let read = 0;
    for (let offset = 0; ; offset += PAGE_SIZE) {
      let query = trx.selectFrom(table.name).select(columns);
      for (const column of order) query = query.orderBy(column);
      const rows = await query.limit(PAGE_SIZE).offset(offset).execute();
      for (const row of rows) yield `${JSON.stringify(columns.map((c) => toPortableValue(row[c])))}\n`;
      read += rows.length;
      if (rows.length < PAGE_SIZE) break;
    }
    // Inside one snapshot the count cannot change; if it did, the file would be unreadable.
    if (read !== expected) throw new Error(`${table.name}: counted ${expected} rows but read ${read}`);
    total += read;
  }
  for (const relative of uploads) {
    // Streamed in parts: a file is never held whole in memory, however large.
    let previous: Buffer | null = null;
    try {
      for await (const part of readParts(await storage.get(relative))) {
        if (previous) yield `${JSON.stringify({ file: relative, data: previous.toString("base64"), more: true })}\n`;
        previous = part;
      }
    } catch (error: any) {
      // Deleted while we were writing: its row went with it after our snapshot began.
      if (isStorageNotFound(error) && previous === null) continue;
      throw error;
    }
    yield `${JSON.stringify({ file: relative, data: (previous ?? Buffer.alloc(0)).toString("base64") })}\n`;
    written.files++;
  }
  yield `${JSON.stringify({ end: true, rows: total, files: written.files })}\n`;
}

/** Every stored file's key, in key order (the paths under uploads/ on the local disk). */
export async function listStoredKeys(storage: FileStorage): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of storage.list("")) keys.push(key);
  return keys;
}
