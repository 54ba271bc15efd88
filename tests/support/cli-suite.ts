/**
 * The CLI as an operator runs it: `node bin/chiiki.js …` in a child process, configured only
 * through the environment, against a fresh data dir (and a fresh PostgreSQL database). One suite
 * per database, each in a test file of its own (cli/cli.sqlite.test.ts, cli/cli.postgres.test.ts),
 * so that the two run side by side: the CLI's processes make this the longest unit file.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateApiToken } from "../../core/accounts/api-tokens.ts";
import { systemClock } from "../../core/shared/clock.ts";
import { createDb, type Database } from "../../db/create-db.ts";
import type { DialectName } from "../../db/dialect.ts";
import { createEmptyPostgresDatabase, testDatabases } from "./databases.ts";
import { childProcessEnv } from "./migrated-templates.ts";

const root = path.resolve(import.meta.dirname, "../..");
const secret = "cli-test-secret-cli-test-secret-0123456789";

/** A data dir, and for PostgreSQL an empty (not yet migrated) database of its own. */
interface Installation {
  env: Record<string, string>;
  open(): Database;
  remove(): Promise<void>;
}

async function newInstallation(kind: DialectName): Promise<Installation> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chiiki-cli-"));
  const env: Record<string, string> = { CHIIKI_DATA_DIR: dataDir, CHIIKI_SECRET: secret };
  if (kind === "sqlite") {
    return { env, open: () => createDb({ sqliteFile: path.join(dataDir, "chiiki.sqlite") }), remove: async () => {} };
  }
  const created = await createEmptyPostgresDatabase("chiiki_cli");
  env.DATABASE_URL = created.url;
  return { env, open: () => createDb({ databaseUrl: created.url, poolSize: 2 }), remove: created.drop };
}

function chiiki(
  installation: Installation,
  args: string[],
  options: { input?: string; env?: Record<string, string> } = {},
) {
  const result = spawnSync(process.execPath, [path.join(root, "bin/chiiki.js"), ...args], {
    cwd: root,
    // Only what we pass: the developer's own DATABASE_URL or CHIIKI_* must not leak in.
    env: { ...childProcessEnv(), HOME: tmpdir(), ...installation.env, ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function withDb<T>(installation: Installation, use: (db: Kysely<any>) => Promise<T>): Promise<T> {
  const database = installation.open();
  try {
    return await use(database.db as unknown as Kysely<any>);
  } finally {
    await database.destroy();
  }
}

// Each test starts several Node processes; on a busy machine one takes seconds to start.
// A story on one installation the commands share (migrate first, then accounts, backup, restore):
// its tests run in order even under --sequence.shuffle (ADR 022). (`shuffle` is a suite option
// vitest honours for describe.each too, though its types omit it there.)
const story = { timeout: 180_000, shuffle: false };
export function describeCli(kind: DialectName): void {
  describe(`npx chiiki on ${kind}`, story, () => {
    let site: Installation;
    beforeAll(async () => {
      site = await newInstallation(kind);
    });
    afterAll(async () => {
      await site?.remove();
    });

    it("lists its commands", () => {
      const help = chiiki(site, ["help"]);
      expect(help.code).toBe(0);
      for (const name of [
        "migrate",
        "admin create",
        "token create",
        "token list",
        "token revoke",
        "demo",
        "backup",
        "restore",
      ]) {
        expect(help.stdout).toContain(`  ${name} `);
      }
      const unknown = chiiki(site, ["frobnicate"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("不明なコマンドです: frobnicate");
    });

    it("migrates, and a second migrate does nothing", () => {
      const first = chiiki(site, ["migrate"]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain("適用しました: 0001-foundation");
      const second = chiiki(site, ["migrate"]);
      expect(second.code).toBe(0);
      expect(second.stdout).not.toContain("適用しました");
      expect(second.stdout).toContain("データベースは最新です");
    });

    it("refuses a bad configuration with exit code 1, like the server", () => {
      const result = chiiki(site, ["migrate"], { env: { CHIIKI_SECRET: "short" } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("CHIIKI_SECRET は32文字以上です");
    });

    it("rejects an invalid account field by field in Japanese, with exit code 2, writing nothing", async () => {
      const result = chiiki(site, [
        "admin",
        "create",
        "--email",
        "not-an-address",
        "--name",
        "",
        "--password",
        "short",
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("--email: メールアドレスの形式で入力してください。");
      expect(result.stderr).toContain("--name: 入力してください。");
      expect(result.stderr).toContain("--password: 12文字以上で入力してください。");
      expect(await withDb(site, (db) => db.selectFrom("user").select("id").execute())).toEqual([]);
      const english = chiiki(site, [
        "--lang",
        "en",
        "admin",
        "create",
        "--email",
        "x",
        "--name",
        "n",
        "--password",
        "correct horse battery",
      ]);
      expect(english.code).toBe(2);
      expect(english.stderr).toContain("--email:");
      expect(english.stderr).not.toMatch(/[ぁ-ん]/);
      const unknownOption = chiiki(site, ["admin", "create", "--mail", "a@example.jp"]);
      expect(unknownOption.code).toBe(2);
      expect(unknownOption.stderr).toContain("使い方: npx chiiki admin create");
    });

    it("creates the first secretariat account with the password from standard input, then another", async () => {
      const first = chiiki(
        site,
        [
          "admin",
          "create",
          "--email",
          "Jimukyoku@Example.JP",
          "--name",
          "長崎 花子",
          "--community",
          "長崎地域SECURITY",
        ],
        { input: "correct horse battery\n" },
      );
      expect(first.code, first.stderr).toBe(0);
      const second = chiiki(site, ["admin", "create", "--email", "second@example.jp", "--name", "佐世保 次郎"], {
        env: { CHIIKI_ADMIN_EMAIL: "second@example.jp", CHIIKI_ADMIN_PASSWORD: "another long password" },
      });
      expect(second.code, second.stderr).toBe(0);
      const taken = chiiki(site, [
        "admin",
        "create",
        "--email",
        "second@example.jp",
        "--name",
        "x",
        "--password",
        "another long password",
      ]);
      expect(taken.code).toBe(2);
      expect(taken.stderr).toContain("--email: ");
      await withDb(site, async (db) => {
        const users = await db
          .selectFrom("user")
          .innerJoin("role_grants", "role_grants.user_id", "user.id")
          .select(["email", "role"])
          .orderBy("email")
          .execute();
        expect(users).toEqual([
          { email: "jimukyoku@example.jp", role: "secretariat" },
          { email: "second@example.jp", role: "secretariat" },
        ]);
        const community = await db
          .selectFrom("app_settings")
          .select("value")
          .where("key", "=", "community_name")
          .executeTakeFirst();
        expect(community?.value).toBe("長崎地域SECURITY");
      });
    });

    it("prints only the token, on the last line of stdout, and the token works until revoked", async () => {
      const created = chiiki(site, ["token", "create", "--role", "secretariat", "--name", "集計スクリプト"]);
      expect(created.code, created.stderr).toBe(0);
      const lines = created.stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(1);
      const token = lines.at(-1)!;
      expect(token).toMatch(/^chiiki_[\w-]{40,}$/);
      const actor = await withDb(site, (db) => authenticateApiToken({ db, clock: systemClock }, token));
      expect(actor).toMatchObject({ kind: "token", name: "集計スクリプト", grants: [{ role: "secretariat" }] });

      const list = chiiki(site, ["token", "list"]);
      expect(list.code).toBe(0);
      const id = (actor as { tokenId: string }).tokenId;
      expect(list.stdout).toContain(`${id}\t集計スクリプト\tsecretariat`);
      expect(chiiki(site, ["token", "revoke", id]).code).toBe(0);
      expect(await withDb(site, (db) => authenticateApiToken({ db, clock: systemClock }, token))).toBeNull();
      expect(chiiki(site, ["token", "revoke", id]).code).toBe(1);

      const scoped = chiiki(site, ["token", "create", "--role", "member", "--name", "x"]);
      expect(scoped.code).toBe(2);
      expect(scoped.stderr).toContain("--scope: 入力してください。");
      expect(scoped.stdout).toBe("");
    });

    it("loads the demo year twice with the same result", async () => {
      const first = chiiki(site, ["demo"]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain("— foundation");
      const count = () =>
        withDb(site, async (db) => (await db.selectFrom("app_settings").select("key").execute()).length);
      const settings = await count();
      expect(chiiki(site, ["demo"]).code).toBe(0);
      expect(await count()).toBe(settings);
    });

    describe.each(testDatabases)("backup, then restore into %s", (targetKind) => {
      let target: Installation;
      const work = mkdtempSync(path.join(tmpdir(), "chiiki-cli-backup-"));
      beforeAll(async () => {
        target = await newInstallation(targetKind);
      });
      afterAll(async () => {
        await target?.remove();
      });

      it("round-trips through the command line and refuses a second restore", async () => {
        const file = path.join(work, "site.jsonl.gz");
        const backup = chiiki(site, ["backup", file]);
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout).toContain("バックアップを作成しました");
        const restore = chiiki(target, ["restore", file]);
        expect(restore.code, restore.stderr).toBe(0);
        const emails = (installation: Installation) =>
          withDb(installation, async (db) =>
            (await db.selectFrom("user").select("email").orderBy("email").execute()).map((u) => u.email),
          );
        expect(await emails(target)).toEqual(await emails(site));
        const again = chiiki(target, ["restore", file]);
        expect(again.code).toBe(1);
        expect(again.stderr).toContain("復元先にデータがあるため復元しません");
      });

      it("explains a file that is not a backup", () => {
        const file = path.join(work, "notes.txt");
        writeFileSync(file, "これはバックアップではありません");
        const result = chiiki(target, ["restore", file]);
        expect(result.code).toBe(1);
        expect(result.stderr).toContain(
          "バックアップファイルを復元できません。ファイルが壊れているか、gzip 形式ではありません。",
        );
        expect(chiiki(target, ["restore"]).code).toBe(2);
      });
    });
  });
}
