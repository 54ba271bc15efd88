/**
 * CHIIKI_STORAGE_URL → the adapter (server/env.ts reads the variable and the AWS credentials and
 * hands them here; docs/storage.md):
 *
 *   file:///var/lib/chiiki/uploads                 a directory (default: <CHIIKI_DATA_DIR>/uploads)
 *   s3://bucket/prefix?region=ap-northeast-1       AWS S3 (virtual-host addressing)
 *   s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1    MinIO, s3rver (path style)
 *
 * Query parameters of an s3 URL: `endpoint`, `region` (else AWS_REGION, else us-east-1) and
 * `pathStyle=true|false` (default: true with an endpoint, false without).
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { localDiskStorage } from "./local-disk-storage.ts";
import type { FileStorage } from "./port.ts";
import { type S3StorageConfig, s3Storage } from "./s3-storage.ts";

export type StorageConfig = { kind: "file"; root: string } | ({ kind: "s3" } & S3StorageConfig);

/** Where uploads lived before the port, and still do unless CHIIKI_STORAGE_URL says otherwise. */
export function defaultUploadsRoot(dataDir: string): string {
  return path.join(dataDir, "uploads");
}

export interface AwsSettings {
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  region?: string;
}

/** The adapter's settings, or an Error whose message says (in Japanese and English) what is wrong. */
export function parseStorageUrl(url: string | undefined, dataDir: string, aws: AwsSettings = {}): StorageConfig {
  if (!url) return { kind: "file", root: defaultUploadsRoot(dataDir) };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(
      "CHIIKI_STORAGE_URL は file:///… か s3://bucket/… です / CHIIKI_STORAGE_URL must be file:///… or s3://bucket/…",
    );
  }
  if (parsed.protocol === "file:") return { kind: "file", root: path.resolve(fileURLToPath(parsed)) };
  if (parsed.protocol !== "s3:" || !parsed.hostname) {
    throw new Error(
      "CHIIKI_STORAGE_URL は file:///… か s3://bucket/… です / CHIIKI_STORAGE_URL must be file:///… or s3://bucket/…",
    );
  }
  if (parsed.username || parsed.password) {
    throw new Error(
      "CHIIKI_STORAGE_URL に認証情報は書けません（AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY を使います） / CHIIKI_STORAGE_URL cannot carry credentials (use AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)",
    );
  }
  const endpoint = parsed.searchParams.get("endpoint") || undefined;
  if (endpoint && !/^https?:\/\/[^/]/.test(endpoint)) {
    throw new Error(
      "CHIIKI_STORAGE_URL の endpoint は http(s)://… です / CHIIKI_STORAGE_URL's endpoint must be http(s)://…",
    );
  }
  const pathStyle = parsed.searchParams.get("pathStyle");
  if (pathStyle !== null && pathStyle !== "true" && pathStyle !== "false") {
    throw new Error(
      "CHIIKI_STORAGE_URL の pathStyle は true か false です / CHIIKI_STORAGE_URL's pathStyle must be true or false",
    );
  }
  if (Boolean(aws.accessKeyId) !== Boolean(aws.secretAccessKey)) {
    throw new Error(
      "AWS_ACCESS_KEY_ID と AWS_SECRET_ACCESS_KEY は両方必要です / AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together",
    );
  }
  return {
    kind: "s3",
    bucket: parsed.hostname,
    prefix: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ""),
    region: parsed.searchParams.get("region") || aws.region || "us-east-1",
    endpoint,
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === "true",
    credentials:
      aws.accessKeyId && aws.secretAccessKey
        ? {
            accessKeyId: aws.accessKeyId,
            secretAccessKey: aws.secretAccessKey,
            ...(aws.sessionToken ? { sessionToken: aws.sessionToken } : {}),
          }
        : undefined,
  };
}

export function createStorage(config: StorageConfig): FileStorage {
  return config.kind === "file" ? localDiskStorage(config.root) : s3Storage(config);
}
