/**
 * The one place that reads process.env. Validated at start; each mistake gets its own line, in
 * Japanese and English, and the process refuses to start rather than run half-configured.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseStorageUrl, type StorageConfig } from "../core/storage/create-storage.ts";

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
    PORT: z.coerce
      .number()
      .int()
      .min(1, "PORT は 1〜65535 の整数です / PORT must be 1–65535")
      .max(65535, "PORT は 1〜65535 の整数です / PORT must be 1–65535")
      .default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    CHIIKI_BASE_URL: z
      .url("CHIIKI_BASE_URL は http(s):// で始まる URL です / CHIIKI_BASE_URL must be an http(s) URL")
      .optional(),
    CHIIKI_DATA_DIR: z.string().min(1).default("./data"),
    DATABASE_URL: z
      .string()
      .regex(
        /^(postgres(ql)?:\/\/|file:|sqlite:)/,
        "DATABASE_URL は postgres://… か file:… です / DATABASE_URL must be postgres://… or file:…",
      )
      .optional(),
    SMTP_URL: z
      .string()
      .regex(
        /^smtps?:\/\//,
        "SMTP_URL は smtp:// か smtps:// で始まります / SMTP_URL must start with smtp:// or smtps://",
      )
      .optional(),
    MAIL_FROM: z.string().min(3).default("Chiiki <no-reply@localhost>"),
    CHIIKI_SECRET: z
      .string()
      .min(32, "CHIIKI_SECRET は32文字以上です / CHIIKI_SECRET must be at least 32 characters")
      .optional(),
    CHIIKI_RATE_LIMITS: z
      .enum(["on", "off"], "CHIIKI_RATE_LIMITS は on か off です / CHIIKI_RATE_LIMITS must be on or off")
      .default("on"),
    CHIIKI_TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
    CHIIKI_ADMIN_EMAIL: z
      .email("CHIIKI_ADMIN_EMAIL がメールアドレスではありません / CHIIKI_ADMIN_EMAIL is not an e-mail address")
      .optional(),
    CHIIKI_ADMIN_PASSWORD: z
      .string()
      .min(12, "CHIIKI_ADMIN_PASSWORD は12文字以上です / CHIIKI_ADMIN_PASSWORD must be at least 12 characters")
      .optional(),
    CHIIKI_WORKER: z.enum(["on", "off"]).default("on"),
    CHIIKI_BUILD_DIR: z.string().min(1).default("build"),
    CHIIKI_MAX_UPLOAD_MB: z.coerce
      .number(
        "CHIIKI_MAX_UPLOAD_MB は 1〜102400 の整数（MB）です / CHIIKI_MAX_UPLOAD_MB must be a whole number of MB, 1–102400",
      )
      .int(
        "CHIIKI_MAX_UPLOAD_MB は 1〜102400 の整数（MB）です / CHIIKI_MAX_UPLOAD_MB must be a whole number of MB, 1–102400",
      )
      .min(
        1,
        "CHIIKI_MAX_UPLOAD_MB は 1〜102400 の整数（MB）です / CHIIKI_MAX_UPLOAD_MB must be a whole number of MB, 1–102400",
      )
      .max(
        102400,
        "CHIIKI_MAX_UPLOAD_MB は 1〜102400 の整数（MB）です / CHIIKI_MAX_UPLOAD_MB must be a whole number of MB, 1–102400",
      )
      .default(2048),
    /** Where uploaded files live (docs/storage.md): file:///… (default <CHIIKI_DATA_DIR>/uploads) or s3://bucket/prefix?… */
    CHIIKI_STORAGE_URL: z.string().optional(),
    // The standard AWS variables, for an s3:// storage URL (unset: the SDK's instance role or profile).
    AWS_ACCESS_KEY_ID: z.string().optional(),
    AWS_SECRET_ACCESS_KEY: z.string().optional(),
    AWS_SESSION_TOKEN: z.string().optional(),
    AWS_REGION: z.string().optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .refine((e) => !e.CHIIKI_ADMIN_PASSWORD || e.CHIIKI_ADMIN_EMAIL, {
    path: ["CHIIKI_ADMIN_EMAIL"],
    message:
      "CHIIKI_ADMIN_PASSWORD には CHIIKI_ADMIN_EMAIL も必要です / CHIIKI_ADMIN_PASSWORD needs CHIIKI_ADMIN_EMAIL",
  });

export interface Env {
  nodeEnv: "development" | "production" | "test";
  port: number;
  host: string;
  /** Where this community's pages are (a community's services have its own: ADR 035). */
  baseUrl: string;
  /** CHIIKI_BASE_URL: the installation's address, whichever community's services these are. */
  installationBaseUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sqliteFile: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  secret: string;
  rateLimits: boolean;
  trustProxy: boolean;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  worker: boolean;
  logLevel: string;
  buildDir: string;
  secureCookies: boolean;
  /** Largest file a material or attachment upload may carry (CHIIKI_MAX_UPLOAD_MB); other requests stay small. */
  maxUploadBytes: number;
  /** Where uploaded files live (CHIIKI_STORAGE_URL), with the S3 credentials if any: never log it whole. */
  storage: StorageConfig;
}

export class EnvError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`設定に誤りがあります / Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.CHIIKI_DATA_DIR);
  let storage: StorageConfig;
  try {
    storage = parseStorageUrl(e.CHIIKI_STORAGE_URL, dataDir, {
      accessKeyId: e.AWS_ACCESS_KEY_ID,
      secretAccessKey: e.AWS_SECRET_ACCESS_KEY,
      sessionToken: e.AWS_SESSION_TOKEN,
      region: e.AWS_REGION,
    });
  } catch (error) {
    throw new EnvError(
      `設定に誤りがあります / Invalid configuration:\n  - CHIIKI_STORAGE_URL: ${(error as Error).message}`,
    );
  }
  const baseUrl = (e.CHIIKI_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, "");
  const databaseUrl = e.DATABASE_URL?.startsWith("postgres") ? e.DATABASE_URL : undefined;
  const sqliteFile =
    e.DATABASE_URL && !databaseUrl
      ? path.resolve(e.DATABASE_URL.replace(/^(file|sqlite):(\/\/)?/, ""))
      : path.join(dataDir, "chiiki.sqlite");
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl,
    installationBaseUrl: baseUrl,
    dataDir,
    databaseUrl,
    sqliteFile,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    secret: e.CHIIKI_SECRET ?? readOrCreateSecret(dataDir),
    rateLimits: e.CHIIKI_RATE_LIMITS === "on",
    trustProxy: e.CHIIKI_TRUST_PROXY === "1" || e.CHIIKI_TRUST_PROXY === "true",
    adminEmail: e.CHIIKI_ADMIN_EMAIL,
    adminPassword: e.CHIIKI_ADMIN_PASSWORD,
    worker: e.CHIIKI_WORKER === "on",
    logLevel: e.LOG_LEVEL,
    buildDir: path.resolve(e.CHIIKI_BUILD_DIR),
    secureCookies: baseUrl.startsWith("https://"),
    maxUploadBytes: e.CHIIKI_MAX_UPLOAD_MB * 1024 * 1024,
    storage,
  };
}

/** Generated once into the data dir, readable only by the owner, so restarts keep sessions. */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
  return secret;
}
