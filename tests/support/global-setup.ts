/**
 * Once per `vitest run`, before any worker starts: the migrated templates every test database is
 * copied from (migrated-templates.ts). Workers inherit the environment set here.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { createDb, migrateToLatest } from "../../db/create-db.ts";
import { createPostgresTemplate, PG_TEMPLATE_ENV, SQLITE_TEMPLATE_ENV } from "./migrated-templates.ts";

export default async function setup(): Promise<() => Promise<void>> {
  // Node's compile cache for every process the run starts (CLI commands, servers): each parses
  // the sources once instead of at every start (about a third of a CLI command's 2 s here).
  process.env.NODE_COMPILE_CACHE ??= path.join(tmpdir(), "chiiki-node-compile-cache");
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-template-"));
  const file = path.join(dir, "template.sqlite");
  const sqlite = createDb({ sqliteFile: file });
  await migrateToLatest(sqlite.db);
  // Rollback journal, not WAL: the file alone is the whole database, and its bytes open in memory.
  await sql`pragma journal_mode = delete`.execute(sqlite.db);
  await sqlite.destroy();
  process.env[SQLITE_TEMPLATE_ENV] = file;
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = adminUrl ? await createPostgresTemplate(adminUrl, "chiiki_tpl") : undefined;
  if (template) process.env[PG_TEMPLATE_ENV] = template.name;
  return async () => {
    await template?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
}
