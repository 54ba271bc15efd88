import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { DialectName } from "../../db/dialect.ts";
import { loadEnv } from "../../server/env.ts";
import { createServices, type Services } from "../../server/services.ts";
import { isolateTests, openTestDatabase, type TestDatabaseOptions } from "./databases.ts";

/** Full services over a fresh database of the given kind, without the background worker. */
export async function openTestServices(
  kind: DialectName,
  env: Record<string, string> = {},
): Promise<Services & { dataDir: string }> {
  const database = await openTestDatabase(kind);
  const dataDir = mkdtempSync(path.join(tmpdir(), "chiiki-test-"));
  const services = await createServices(
    loadEnv({
      CHIIKI_DATA_DIR: dataDir,
      CHIIKI_SECRET: "test-secret-test-secret-test-secret-0123",
      LOG_LEVEL: "silent",
      CHIIKI_RATE_LIMITS: "off",
      ...env,
    }),
    { database, startWorker: false, migrate: false },
  );
  return {
    ...services,
    dataDir,
    close: async () => {
      await services.close();
      await database.cleanup();
    },
  };
}

/** Environment for a suite's services, or a function giving it once the file's servers run (an s3rver bucket). */
export type TestEnv = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** Services over a database opened before the suite's tests; each test starts from the suite's rows (ADR 022). */
export function useTestServices(
  kind: DialectName,
  env: TestEnv = {},
  options: TestDatabaseOptions = {},
): Services & { dataDir: string } {
  const holder: { current?: Services & { dataDir: string } } = {};
  beforeAll(async () => {
    holder.current = await openTestServices(kind, typeof env === "function" ? await env() : env);
  });
  afterAll(async () => {
    await holder.current?.close();
  });
  if ((options.isolation ?? "test") === "test") isolateTests(() => holder.current?.database);
  return new Proxy({} as Services & { dataDir: string }, {
    get(_t, p) {
      if (!holder.current) throw new Error("services open in beforeAll; use them inside tests");
      return (holder.current as any)[p];
    },
  });
}
