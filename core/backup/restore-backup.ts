import { createReadStream } from "node:fs";
import path from "node:path";
import { createGunzip } from "node:zlib";
import type { Kysely } from "kysely";
import { firstCommunity } from "../../db/communities.ts";
import { communityScope } from "../../db/community-scope.ts";
import { describeTables, listAppliedMigrations, type TableDescription } from "../../db/describe-tables.ts";
import { fromPortableValue } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { FileStorage } from "../storage/port.ts";
import {
  backupEndLineSchema,
  backupFileLineSchema,
  type BackupHeader,
  backupHeaderSchema,
  BACKUP_FORMAT,
  READABLE_BACKUP_VERSIONS,
  invalidBackup,
  readLines,
  safeUploadPath,
} from "./backup-format.ts";
import { listStoredKeys, type BackupDeps, type BackupSummary } from "./create-backup.ts";

/**
 * Tables whose rows an installation that nobody has set up may already hold: the audit trail of
 * earlier commands is kept; rate-limit counters and one-time codes are cleared by the restore.
 */
const KEPT_WHEN_EMPTY = new Set(["audit_events", "communities"]);
const CLEARED_BY_RESTORE = new Set(["rate_limits", "rateLimit", "verification"]);

/** Bound parameters per INSERT, well under SQLite's and PostgreSQL's limits. */
const PARAMETERS_PER_INSERT = 4000;

/**
 * Restores a backup into an empty installation of the same version, on either dialect: every
 * row in one transaction (nothing is written if any line is bad), parents before children,
 * and the stored files, each streamed into the file storage as its parts are read. If anything
 * fails, the transaction rolls back and every file put so far is deleted again.
 */
export async function restoreBackup(deps: BackupDeps, actor: Actor, file: string): Promise<BackupSummary> {
  requireSecretariat(actor);
  const db = deps.root as unknown as Kysely<any>;
  const lines = openBackup(file);
  let lineNumber = 1;
  const next = async (): Promise<string | undefined> => {
    const line = await lines.next();
    lineNumber++;
    return line.done ? undefined : line.value;
  };

  const putKeys: string[] = [];
  const parse = (line: string | undefined): unknown => {
    if (line === undefined) throw invalidBackup("truncated");
    try {
      return JSON.parse(line);
    } catch (error) {
      throw invalidBackup("line", { line: lineNumber }, error);
    }
  };
  try {
    const header = parseHeader(await lines.next().then((l) => (l.done ? undefined : l.value)));
    const targetTables = new Map((await describeTables(db)).map((t) => [t.name, t]));
    checkSameVersion(header, await listAppliedMigrations(db), targetTables);
    await checkEmpty(db, [...targetTables.keys()], deps.storage);
    const home = await firstCommunity(deps.root);

    const summary = await db.transaction().execute(async (trx) => {
      for (const table of CLEARED_BY_RESTORE) if (targetTables.has(table)) await trx.deleteFrom(table).execute();

      const tables: BackupSummary["tables"] = [];
      let rows = 0;
      // The backup's first community becomes the empty installation's own (migration 0700 made
      // it, and this process's services act for it): its rows take that id; other communities
      // keep theirs (ADR 035).
      let backupFirst: string | undefined;
      const remap = (id: unknown) => (id === backupFirst ? home.id : id);
      for (const entry of header.tables) {
        const target = targetTables.get(entry.name)!;
        const inserter = tableInserter(trx, deps.dialect, target, entry.columns);
        const community = entry.columns.indexOf(entry.name === "communities" ? "id" : "community_id");
        // Every column naming a community: `community_id`, a share's receiving community
        // (`target_community_id`, ADR 038) and the two sides of a cross-community record
        // (`proposer_community_id`, `partner_community_id`, … of corporate_links, ADR 039).
        const communityColumns = entry.columns.flatMap((c, i) =>
          entry.name !== "communities" && /(^|_)community_id$/.test(c) ? [i] : [],
        );
        const rowsOf: unknown[][] = [];
        for (let i = 0; i < entry.rows; i++) {
          const values = parse(await next());
          if (!Array.isArray(values) || values.length !== entry.columns.length)
            throw invalidBackup("line", { line: lineNumber });
          if (entry.name === "communities") rowsOf.push(values);
          else
            await inserter.add(
              communityColumns.length === 0
                ? values
                : values.map((v, c) => (communityColumns.includes(c) ? remap(v) : v)),
            );
        }
        if (entry.name === "communities") {
          const byCreation = (row: unknown[]) => `${row[entry.columns.indexOf("created_at")]} ${row[community]}`;
          const first = rowsOf.toSorted((a, b) => (byCreation(a) < byCreation(b) ? -1 : 1))[0];
          backupFirst = first ? String(first[community]) : undefined;
          for (const row of rowsOf) {
            if (row !== first) await inserter.add(row);
            else
              await trx
                .updateTable("communities")
                .set(Object.fromEntries(entry.columns.map((c, i) => [c, row[i]]).filter(([c]) => c !== "id")))
                .where("id", "=", home.id)
                .execute();
          }
        }
        await inserter.finish();
        tables.push({ name: entry.name, rows: entry.rows });
        rows += entry.rows;
      }
      let files = 0;
      const fileLine = (value: unknown) => {
        const upload = backupFileLineSchema.safeParse(value);
        const relative = upload.success ? safeUploadPath(upload.data.file) : null;
        if (!upload.success || !relative) throw invalidBackup("line", { line: lineNumber });
        return { ...upload.data, file: relative };
      };
      for (;;) {
        const value = parse(await next());
        const end = backupEndLineSchema.safeParse(value);
        if (end.success) {
          if (end.data.rows !== rows || end.data.files !== files) throw invalidBackup("truncated");
          break;
        }
        const first = fileLine(value);
        if (putKeys.includes(first.file)) throw invalidBackup("line", { line: lineNumber });
        // The storage pulls the file's parts as it writes them: one part in memory at a time.
        let failure: unknown = null;
        async function* parts(): AsyncGenerator<Buffer> {
          try {
            yield Buffer.from(first.data, "base64");
            for (let more = first.more; more; ) {
              const part = fileLine(parse(await next()));
              if (part.file !== first.file) throw invalidBackup("line", { line: lineNumber });
              yield Buffer.from(part.data, "base64");
              more = part.more;
            }
          } catch (error) {
            failure = error;
            throw error;
          }
        }
        putKeys.push(first.file);
        await deps.storage.put(first.file, parts()).catch((error: unknown) => {
          throw failure ?? error;
        });
        files++;
      }
      for (let line = await next(); line !== undefined; line = await next()) {
        if (line.trim() !== "") throw invalidBackup("line", { line: lineNumber });
      }
      await recordAuditEvent(trx.withPlugin(communityScope(home.id)) as unknown as Kysely<DB>, deps.clock, actor, {
        action: "backup.restore",
        entityType: "backup",
        entityId: null,
        after: {
          file: path.resolve(file),
          created_at: header.created_at,
          source_dialect: header.source_dialect,
          tables: tables.length,
          rows,
          files,
        },
      });
      return { tables, rows, files };
    });
    return summary;
  } catch (error) {
    // Nothing of a failed restore stays: the rows rolled back, the files go too.
    for (const key of putKeys) await deps.storage.delete(key).catch(() => {});
    throw error;
  } finally {
    await lines.return(undefined);
  }
}

function openBackup(file: string): AsyncGenerator<string> {
  const gunzip = createGunzip();
  const input = createReadStream(file);
  input.on("error", (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  // Stream failures become an explanation the operator can act on.
  return (async function* () {
    try {
      yield* readLines(gunzip);
    } catch (error: any) {
      if (["ENOENT", "EACCES", "EISDIR"].includes(error?.code)) throw invalidBackup("unreadable", { file }, error);
      throw invalidBackup("damaged", {}, error);
    } finally {
      input.destroy();
      gunzip.destroy();
    }
  })();
}

function parseHeader(line: string | undefined): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line ?? "");
  } catch (error) {
    throw invalidBackup("not-backup", {}, error);
  }
  if ((value as { format?: unknown } | null)?.format !== BACKUP_FORMAT) throw invalidBackup("not-backup");
  if (!READABLE_BACKUP_VERSIONS.includes((value as { version?: unknown }).version as number)) {
    throw invalidBackup("version", { version: String((value as { version?: unknown }).version) });
  }
  const header = backupHeaderSchema.safeParse(value);
  if (!header.success) throw invalidBackup("not-backup");
  return header.data;
}

/**
 * The schema must be exactly the one the backup was taken from: a restore does not run data
 * migrations on old rows. Restore with the same version, then upgrade (start) as usual.
 */
function checkSameVersion(header: BackupHeader, applied: string[], targetTables: Map<string, TableDescription>): void {
  const missing = header.migrations.filter((m) => !applied.includes(m));
  const extra = applied.filter((m) => !header.migrations.includes(m));
  if (missing.length > 0 || extra.length > 0) {
    throw invalidBackup("migrations", { missing: missing.join(", ") || "-", extra: extra.join(", ") || "-" });
  }
  const seen = new Set<string>();
  for (const entry of header.tables) {
    const target = targetTables.get(entry.name);
    const unknownColumn = entry.columns.find((c) => !target?.columns.some((tc) => tc.name === c));
    const parentLater = target?.references.find((parent) => !seen.has(parent) && targetTables.has(parent));
    if (!target || unknownColumn || parentLater || seen.has(entry.name))
      throw invalidBackup("tables", { table: entry.name });
    seen.add(entry.name);
  }
  const absent = [...targetTables.keys()].find((name) => !seen.has(name));
  if (absent) throw invalidBackup("tables", { table: absent });
}

/** Refuses any installation that holds data: a restore never merges into or overwrites one. */
async function checkEmpty(db: Kysely<any>, tables: string[], storage: FileStorage): Promise<void> {
  const occupied: string[] = [];
  for (const table of tables) {
    if (KEPT_WHEN_EMPTY.has(table) || CLEARED_BY_RESTORE.has(table)) continue;
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    if (Number(row.n) > 0) occupied.push(`${table} (${Number(row.n)})`);
  }
  const uploads = await listStoredKeys(storage);
  if (uploads.length > 0) occupied.push(`uploads/ (${uploads.length})`);
  if (occupied.length > 0) throw new AppError("restore-target-not-empty", { params: { tables: occupied.join(", ") } });
}

/**
 * Inserts one table's rows in batches, converting Better Auth's dates and booleans for the target
 * dialect. A column that references its own table (organisations.merged_into_id) is filled in
 * after all rows exist, since a row may point at one that comes later.
 */
function tableInserter(trx: Kysely<any>, dialect: BackupDeps["dialect"], table: TableDescription, columns: string[]) {
  const types = columns.map((c) => table.columns.find((tc) => tc.name === c)!.dataType);
  const selfColumns = new Set(table.selfReferences);
  const key = table.primaryKey.length > 0 ? table.primaryKey : columns;
  const batchSize = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / columns.length));
  let batch: Record<string, unknown>[] = [];
  const links: { key: Record<string, unknown>; set: Record<string, unknown> }[] = [];
  const flush = async () => {
    if (batch.length > 0) await trx.insertInto(table.name).values(batch).execute();
    batch = [];
  };
  return {
    async add(values: unknown[]) {
      const row: Record<string, unknown> = {};
      const set: Record<string, unknown> = {};
      columns.forEach((column, i) => {
        const value = fromPortableValue(dialect, types[i]!, values[i]);
        if (selfColumns.has(column) && value !== null) {
          set[column] = value;
          row[column] = null;
        } else row[column] = value;
      });
      if (Object.keys(set).length > 0) links.push({ key: Object.fromEntries(key.map((k) => [k, row[k]])), set });
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    },
    async finish() {
      await flush();
      for (const link of links) {
        let update = trx.updateTable(table.name).set(link.set);
        for (const [column, value] of Object.entries(link.key)) update = update.where(column, "=", value);
        await update.execute();
      }
    },
  };
}
