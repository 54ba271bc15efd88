/**
 * A real S3 server (the `s3rver` package) in a separate process, on a free port over a temporary
 * directory, for the storage contract tests and the upload, material and backup tests over a
 * bucket. The app's S3 adapter talks to it over HTTP exactly as to MinIO or AWS (path style).
 *
 *   const s3 = s3rverForThisFile();                     // started in beforeAll, stopped in afterAll
 *   const bucket = await s3.newBucket();        // a fresh, empty bucket
 *   loadEnv({ ...s3.env(bucket), … })           // CHIIKI_STORAGE_URL and the AWS variables
 *
 * `.ci/run` needs nothing for it: s3rver is a devDependency, and the test starts it itself.
 */
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll } from "vitest";
import { parseStorageUrl } from "../../core/storage/create-storage.ts";
import type { FileStorage } from "../../core/storage/port.ts";
import { s3Storage } from "../../core/storage/s3-storage.ts";

/** s3rver's fixed credentials (it checks the signature against them). */
const ACCESS_KEY = "S3RVER";
const SECRET_KEY = "S3RVER";
const REGION = "us-east-1";

export interface S3rverProcess {
  readonly endpoint: string;
  /** Creates an empty bucket of a new name. */
  newBucket(): Promise<string>;
  /** CHIIKI_STORAGE_URL and the AWS variables for an installation storing into `bucket`. */
  env(bucket: string, prefix?: string): Record<string, string>;
  /** The S3 adapter over `bucket`, as the app builds it from env(bucket). */
  storage(bucket: string, prefix?: string): FileStorage;
  stop(): Promise<void>;
}

const thisFile = fileURLToPath(import.meta.url);

export async function startS3rver(): Promise<S3rverProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-s3rver-"));
  const child: ChildProcess = fork(thisFile, ["--serve", dir], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    execArgv: [],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`s3rver process exited (${code})`)));
    child.on("message", (report: { type: string; port: number }) => {
      if (report.type === "listening") resolve(report.port);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: REGION,
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
  });
  const env = (bucket: string, prefix = "chiiki") => ({
    CHIIKI_STORAGE_URL: `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=${REGION}`,
    AWS_ACCESS_KEY_ID: ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: SECRET_KEY,
  });
  return {
    endpoint,
    async newBucket() {
      const bucket = `chiiki-${randomBytes(6).toString("hex")}`;
      await client.send(new CreateBucketCommand({ Bucket: bucket }));
      return bucket;
    },
    env,
    storage(bucket, prefix) {
      const e = env(bucket, prefix);
      const config = parseStorageUrl(e.CHIIKI_STORAGE_URL, tmpdir(), {
        accessKeyId: ACCESS_KEY,
        secretAccessKey: SECRET_KEY,
      });
      if (config.kind !== "s3") throw new Error("not an s3 URL");
      return s3Storage(config);
    },
    async stop() {
      client.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One s3rver for the file's tests: started before its suites' own beforeAll hooks, stopped after them. */
export function s3rverForThisFile(): S3rverProcess {
  const holder: { current?: S3rverProcess } = {};
  beforeAll(async () => {
    holder.current = await startS3rver();
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  return new Proxy({} as S3rverProcess, {
    get(_t, p) {
      if (!holder.current) throw new Error("s3rver starts in beforeAll; use it inside hooks and tests");
      return (holder.current as any)[p];
    },
  });
}

if (process.argv[1] === thisFile && process.argv[2] === "--serve") {
  const directory = process.argv[3]!;
  const S3rver = createRequire(import.meta.url)("s3rver");
  const server = new S3rver({ address: "127.0.0.1", port: 0, directory, silent: true });
  server.run().then((address: { port: number }) => {
    process.send!({ type: "listening", port: address.port });
  });
  process.on("SIGTERM", () => server.close().finally(() => process.exit(0)));
  process.on("disconnect", () => process.exit(0));
}

/** Where a test installation keeps its files: the default local disk, or a bucket of the s3rver. */
export type StorageKind = "local disk" | "S3";
export const testStorages: StorageKind[] = ["local disk", "S3"];

/** The environment for an installation of that storage: nothing for the local disk, a new bucket for S3. */
export async function storageEnv(kind: StorageKind, s3: S3rverProcess): Promise<Record<string, string>> {
  return kind === "S3" ? s3.env(await s3.newBucket()) : {};
}

/**
 * Every database on the local disk, and S3 once, on the last database (PostgreSQL when it is
 * there: the deployment that spreads over machines, and so needs a bucket). Where files live does
 * not depend on the SQL dialect, so S3 × SQLite would only repeat S3 × PostgreSQL (and CI's time).
 */
export function databasesAndStorages<K extends string>(databases: readonly K[]): [K, StorageKind][] {
  const last = databases.at(-1);
  return [
    ...databases.map((kind) => [kind, "local disk"] as [K, StorageKind]),
    ...(last === undefined ? [] : [[last, "S3"] as [K, StorageKind]]),
  ];
}
