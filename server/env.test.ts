/**
 * Configuration is validated once, at start: each mistake gets its own line (Japanese and
 * English) and the process refuses to start rather than run half-configured.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env.ts";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-env-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function mistakesIn(source: Record<string, string>): string[] {
  try {
    loadEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message.split("\n").slice(1);
  }
  throw new Error("the configuration was accepted");
}

describe("loadEnv", () => {
  it("starts from safe defaults and generates a secret once, readable only by its owner", () => {
    const dataDir = freshDir();
    const env = loadEnv({ CHIIKI_DATA_DIR: dataDir });
    expect(env).toMatchObject({
      nodeEnv: "production",
      port: 3000,
      host: "127.0.0.1",
      baseUrl: "http://localhost:3000",
      dataDir,
      databaseUrl: undefined,
      sqliteFile: path.join(dataDir, "chiiki.sqlite"),
      smtpUrl: undefined,
      rateLimits: true,
      trustProxy: false,
      worker: true,
      secureCookies: false,
    });
    expect(env.secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dataDir, "secret");
    expect(readFileSync(file, "utf8").trim()).toBe(env.secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadEnv({ CHIIKI_DATA_DIR: dataDir }).secret).toBe(env.secret);
  });

  it("reads every setting it documents", () => {
    const env = loadEnv({
      PORT: "8080",
      HOST: "0.0.0.0",
      CHIIKI_BASE_URL: "https://chiiki.example.jp/",
      CHIIKI_DATA_DIR: freshDir(),
      DATABASE_URL: "postgres://chiiki:pw@db.example.jp:5432/chiiki",
      SMTP_URL: "smtp://relay.example.jp:587",
      MAIL_FROM: "長崎地域SECURITY <no-reply@example.jp>",
      CHIIKI_SECRET: "s".repeat(32),
      CHIIKI_RATE_LIMITS: "off",
      CHIIKI_TRUST_PROXY: "1",
      CHIIKI_WORKER: "off",
    });
    expect(env).toMatchObject({
      port: 8080,
      host: "0.0.0.0",
      baseUrl: "https://chiiki.example.jp",
      databaseUrl: "postgres://chiiki:pw@db.example.jp:5432/chiiki",
      smtpUrl: "smtp://relay.example.jp:587",
      mailFrom: "長崎地域SECURITY <no-reply@example.jp>",
      secret: "s".repeat(32),
      rateLimits: false,
      trustProxy: true,
      worker: false,
      secureCookies: true,
    });
    expect(loadEnv({ CHIIKI_SECRET: "s".repeat(32), DATABASE_URL: "file:/var/lib/chiiki/db.sqlite" }).sqliteFile).toBe(
      "/var/lib/chiiki/db.sqlite",
    );
  });

  it("names each mistake on its own line, in Japanese and English", () => {
    const lines = mistakesIn({
      PORT: "70000",
      CHIIKI_BASE_URL: "chiiki.example.jp",
      DATABASE_URL: "mysql://db/chiiki",
      SMTP_URL: "http://relay",
      CHIIKI_SECRET: "too-short",
      CHIIKI_RATE_LIMITS: "maybe",
      CHIIKI_ADMIN_EMAIL: "admin",
    });
    expect(lines).toEqual([
      "  - PORT: PORT は 1〜65535 の整数です / PORT must be 1–65535",
      "  - CHIIKI_BASE_URL: CHIIKI_BASE_URL は http(s):// で始まる URL です / CHIIKI_BASE_URL must be an http(s) URL",
      "  - DATABASE_URL: DATABASE_URL は postgres://… か file:… です / DATABASE_URL must be postgres://… or file:…",
      "  - SMTP_URL: SMTP_URL は smtp:// か smtps:// で始まります / SMTP_URL must start with smtp:// or smtps://",
      "  - CHIIKI_SECRET: CHIIKI_SECRET は32文字以上です / CHIIKI_SECRET must be at least 32 characters",
      "  - CHIIKI_RATE_LIMITS: CHIIKI_RATE_LIMITS は on か off です / CHIIKI_RATE_LIMITS must be on or off",
      "  - CHIIKI_ADMIN_EMAIL: CHIIKI_ADMIN_EMAIL がメールアドレスではありません / CHIIKI_ADMIN_EMAIL is not an e-mail address",
    ]);
  });

  it("refuses an admin password without the address it belongs to", () => {
    expect(mistakesIn({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_ADMIN_PASSWORD: "correct horse battery" })).toEqual([
      "  - CHIIKI_ADMIN_EMAIL: CHIIKI_ADMIN_PASSWORD には CHIIKI_ADMIN_EMAIL も必要です / CHIIKI_ADMIN_PASSWORD needs CHIIKI_ADMIN_EMAIL",
    ]);
  });

  it("bounds material and attachment uploads by CHIIKI_MAX_UPLOAD_MB (2048 MB unless set), a whole number of MB", () => {
    expect(loadEnv({ CHIIKI_SECRET: "s".repeat(32) }).maxUploadBytes).toBe(2048 * 1024 * 1024);
    expect(loadEnv({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_MAX_UPLOAD_MB: "30" }).maxUploadBytes).toBe(
      30 * 1024 * 1024,
    );
    for (const bad of ["lots", "0", "1.5", "-3", "200000"]) {
      expect(mistakesIn({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_MAX_UPLOAD_MB: bad }), bad).toEqual([
        "  - CHIIKI_MAX_UPLOAD_MB: CHIIKI_MAX_UPLOAD_MB は 1〜102400 の整数（MB）です / CHIIKI_MAX_UPLOAD_MB must be a whole number of MB, 1–102400",
      ]);
    }
  });

  it("keeps uploads under <CHIIKI_DATA_DIR>/uploads unless CHIIKI_STORAGE_URL names a directory or a bucket", () => {
    const dataDir = freshDir();
    expect(loadEnv({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_DATA_DIR: dataDir }).storage).toEqual({
      kind: "file",
      root: path.join(dataDir, "uploads"),
    });
    expect(
      loadEnv({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_STORAGE_URL: "file:///var/lib/chiiki/uploads" }).storage,
    ).toEqual({ kind: "file", root: "/var/lib/chiiki/uploads" });
    // MinIO / s3rver: an endpoint means path-style addressing; credentials come from the AWS variables.
    expect(
      loadEnv({
        CHIIKI_SECRET: "s".repeat(32),
        CHIIKI_STORAGE_URL: "s3://chiiki-files/nagasaki/?endpoint=http://127.0.0.1:9000&region=ap-northeast-1",
        AWS_ACCESS_KEY_ID: "minio",
        AWS_SECRET_ACCESS_KEY: "minio-secret",
      }).storage,
    ).toEqual({
      kind: "s3",
      bucket: "chiiki-files",
      prefix: "nagasaki",
      region: "ap-northeast-1",
      endpoint: "http://127.0.0.1:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "minio", secretAccessKey: "minio-secret" },
    });
    // AWS itself: virtual-host addressing, the region from AWS_REGION, credentials left to the SDK (instance role).
    expect(
      loadEnv({ CHIIKI_SECRET: "s".repeat(32), CHIIKI_STORAGE_URL: "s3://chiiki-files", AWS_REGION: "ap-northeast-1" })
        .storage,
    ).toEqual({
      kind: "s3",
      bucket: "chiiki-files",
      prefix: "",
      region: "ap-northeast-1",
      endpoint: undefined,
      forcePathStyle: false,
      credentials: undefined,
    });
  });

  it("refuses a storage URL it cannot use, naming what is wrong", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ CHIIKI_STORAGE_URL: "ftp://files.example.jp/x" }, /file:\/\/\/… or s3:\/\/bucket/],
      [{ CHIIKI_STORAGE_URL: "/var/lib/chiiki" }, /file:\/\/\/… or s3:\/\/bucket/],
      [{ CHIIKI_STORAGE_URL: "s3://key:secret@bucket/x" }, /cannot carry credentials/],
      [{ CHIIKI_STORAGE_URL: "s3://bucket?endpoint=127.0.0.1:9000" }, /endpoint must be http\(s\)/],
      [{ CHIIKI_STORAGE_URL: "s3://bucket?pathStyle=yes" }, /pathStyle must be true or false/],
      [{ CHIIKI_STORAGE_URL: "s3://bucket", AWS_ACCESS_KEY_ID: "only-the-id" }, /go together/],
    ];
    for (const [source, message] of cases) {
      const lines = mistakesIn({ CHIIKI_SECRET: "s".repeat(32), ...source });
      expect(lines, JSON.stringify(source)).toHaveLength(1);
      expect(lines[0]?.startsWith("  - CHIIKI_STORAGE_URL: ")).toBe(true);
      expect(lines[0]).toMatch(message);
    }
  });

  it("treats empty variables as unset", () => {
    expect(loadEnv({ PORT: "", SMTP_URL: "", CHIIKI_SECRET: "s".repeat(32) })).toMatchObject({
      port: 3000,
      smtpUrl: undefined,
    });
  });
});

describe("server/main.ts", () => {
  it("refuses to start on a bad configuration, saying why, before touching anything", () => {
    const dataDir = freshDir();
    const root = fileURLToPath(new URL("..", import.meta.url));
    const run = spawnSync(process.execPath, ["server/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, CHIIKI_DATA_DIR: dataDir, PORT: "http", CHIIKI_SECRET: "short" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("設定に誤りがあります / Invalid configuration:");
    expect(run.stderr).toContain("CHIIKI_SECRET は32文字以上です");
    expect(run.stderr).toMatch(/PORT/);
    expect(run.stdout).toBe("");
    expect(existsSync(path.join(dataDir, "chiiki.sqlite"))).toBe(false);
  });
});
