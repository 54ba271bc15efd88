import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Kysely } from "kysely";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeTables } from "../../db/describe-tables.ts";
import type { DialectName } from "../../db/dialect.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { databasesAndStorages, type StorageKind, storageEnv, s3rverForThisFile } from "../../tests/support/s3rver.ts";
import { openTestServices } from "../../tests/support/services.ts";
import { storedKeys } from "../../tests/support/storage.ts";
import { readStored } from "../storage/port.ts";
import { anonymous } from "../accounts/actor.ts";
import { createApiToken } from "../accounts/api-tokens.ts";
import { installFirstSecretariat } from "../accounts/create-secretariat-account.ts";
import { inviteUser } from "../accounts/invite-user.ts";
import { loadDemoYear } from "../demo/load-demo-year.ts";
import { newId } from "../../db/ids.ts";
import { FILE_PART_BYTES, orderParentsFirst, readLines, safeUploadPath } from "./backup-format.ts";
import { createBackup } from "./create-backup.ts";
import { restoreBackup } from "./restore-backup.ts";
import { seedInvitationScopes } from "../../tests/support/scopes.ts";
import { secretariatActor } from "../../tests/fixtures/actors.ts";
import { createCommunity } from "../communities/create-community.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { communityDepsFrom } from "../community/deps.ts";
import { acceptCorporateLink } from "../corporate-links/accept-corporate-link.ts";
import { corporateLinkDepsFrom } from "../corporate-links/deps.ts";
import { getCorporateNumberMatches } from "../corporate-links/get-corporate-number-matches.ts";
import { listCorporateLinkProposals } from "../corporate-links/list-corporate-link-proposals.ts";
import { proposeCorporateLink } from "../corporate-links/propose-corporate-link.ts";

type TestServices = Awaited<ReturnType<typeof openTestServices>>;
const operator = { kind: "system", name: "test" } as const;
const admin = {
  name: "長崎 花子",
  email: "jimukyoku@example.jp",
  password: "correct horse battery",
  community: "長崎地域SECURITY",
};
const upload = {
  relative: "agreements/2020/協定書.pdf",
  bytes: Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x0a, 0x80]),
};

const deps = (s: TestServices) => ({ ...s.database, clock: s.clock, storage: s.storage });

const s3 = s3rverForThisFile();
/** An installation over a fresh database, keeping its files on the local disk or in a new bucket. */
const openInstallation = async (kind: DialectName, storage: StorageKind = "local disk") =>
  openTestServices(kind, await storageEnv(storage, s3));

function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** An installation with something in every kind of table the foundation and community own. */
async function populate(s: TestServices): Promise<OTPAuth.TOTP> {
  await installFirstSecretariat(s.accounts, admin);
  const signIn = await s.auth.api.signInEmail({
    body: { email: admin.email, password: admin.password },
    asResponse: true,
  });
  const headers = new Headers({ cookie: cookieHeader(signIn) });
  const enabled = await s.auth.api.enableTwoFactor({ body: { password: admin.password }, headers });
  const totp = OTPAuth.URI.parse((enabled as { totpURI: string }).totpURI) as OTPAuth.TOTP;
  await s.auth.api.verifyTOTP({ body: { code: totp.generate() }, headers });
  await seedInvitationScopes(s.database.db);
  await inviteUser(s.accounts, operator, {
    email: "member@example.jp",
    name: "佐世保 太郎",
    role: "member",
    scopeId: "org-1",
  });
  await createApiToken(s.accounts, operator, { name: "集計", role: "secretariat" });
  // A merged organisation points at one created after it: the restore must cope with that order.
  const db = s.database.db as unknown as Kysely<any>;
  const now = s.clock.now().toISOString();
  const [older, newer] = [newId(1_600_000_000_000), newId(1_600_000_000_001)];
  await db
    .insertInto("organisations")
    .values([
      {
        id: older,
        name: "旧 長崎システム",
        sector: "industry",
        merged_into_id: null,
        created_at: now,
        updated_at: now,
      },
      {
        id: newer,
        name: "長崎システム株式会社",
        sector: "industry",
        merged_into_id: null,
        created_at: now,
        updated_at: now,
      },
    ])
    .execute();
  await db.updateTable("organisations").set({ merged_into_id: newer }).where("id", "=", older).execute();
  await s.storage.put(upload.relative, upload.bytes);
  return totp;
}

/** Every row of every table, in key order; dialect-specific values made comparable on request. */
async function dumpTables(db: Kysely<any>, neutral: boolean): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of await describeTables(db)) {
    // Sorted here, not in SQL: PostgreSQL's collation orders mixed-case ids differently.
    const keyOf = (row: Record<string, unknown>) => JSON.stringify(table.primaryKey.map((k) => row[k]));
    const rows = (await db.selectFrom(table.name).selectAll().execute()).sort((a, b) =>
      keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
    );
    dump[table.name] = neutral
      ? rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [
              k,
              v instanceof Date ? v.toISOString() : typeof v === "boolean" ? Number(v) : v,
            ]),
          ),
        )
      : rows;
    // A restore gives the backup's first community the target's own id (ADR 035).
    dump[table.name] = dump[table.name]!.map((row: any) =>
      table.name === "communities"
        ? { ...row, id: "(first)" }
        : "community_id" in row
          ? { ...row, community_id: "(first)" }
          : row,
    );
  }
  return dump;
}

async function countRows(db: Kysely<any>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await describeTables(db)) {
    const row = await db
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table.name] = Number(row.n);
  }
  return counts;
}

async function listFiles(root: string): Promise<string[]> {
  try {
    return (await readdir(root, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
      .sort();
  } catch {
    return [];
  }
}

/** What a failed restore left: stored files, and on the local disk any file at all (partial ones too). */
async function leftovers(s: TestServices): Promise<string[]> {
  return [...(await storedKeys(s.storage)), ...(await listFiles(path.join(s.dataDir, "uploads")))];
}

// Each target restores once and the tests after it read what the restore wrote (databases this
// suite opens itself): they run in order even under --sequence.shuffle (ADR 022). (`shuffle` is a
// suite option vitest honours for describe.each too, though its types omit it there.)
const inOrder: { shuffle: boolean; timeout?: number } = { shuffle: false };
describe.each(databasesAndStorages(testDatabases))("backup from %s, files on %s", inOrder, (sourceKind, storage) => {
  const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-test-"));
  const file = path.join(work, "chiiki.jsonl.gz");
  let source: TestServices;
  let totp: OTPAuth.TOTP;
  let before: Record<string, unknown[]>;

  beforeAll(async () => {
    source = await openInstallation(sourceKind, storage);
    totp = await populate(source);
    before = await dumpTables(source.database.db as unknown as Kysely<any>, false);
  });
  afterAll(async () => {
    await source?.close();
  });

  it("writes a gzip'd JSON-lines file: header with migrations, rows of every table, the uploads, an end line", async () => {
    const summary = await createBackup(deps(source), operator, file);
    expect(summary.files).toBe(1);
    expect(summary.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
    const lines = gunzipSync(readFileSync(file))
      .toString("utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({
      format: "chiiki-backup",
      version: 2,
      source_dialect: sourceKind,
      migrations: expect.arrayContaining(["0001-foundation"]),
    });
    expect(lines[0].tables.map((t: { name: string }) => t.name)).not.toContain("kysely_migration");
    expect(lines.at(-2)).toEqual({ file: upload.relative, data: upload.bytes.toString("base64") });
    expect(lines.at(-1)).toEqual({ end: true, rows: summary.rows, files: 1 });
    const audit = await source.database.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "backup.create")
      .execute();
    expect(audit).toHaveLength(1);
  });

  it("is only for the secretariat", async () => {
    await expect(createBackup(deps(source), anonymous, path.join(work, "x.gz"))).rejects.toMatchObject({
      code: "unauthenticated",
    });
    await expect(restoreBackup(deps(source), anonymous, file)).rejects.toMatchObject({ code: "unauthenticated" });
  });

  describe.each(testDatabases)("restored into %s", (targetKind: DialectName) => {
    let target: TestServices;
    beforeAll(async () => {
      target = await openInstallation(targetKind, storage);
    });
    afterAll(async () => {
      await target?.close();
    });

    it("reproduces every table row for row, and the uploaded files", async () => {
      const summary = await restoreBackup(deps(target), operator, file);
      expect(summary.files).toBe(1);
      const sameDialect = sourceKind === targetKind;
      const expected = sameDialect ? before : await dumpTables(source.database.db as unknown as Kysely<any>, true);
      const restored = await dumpTables(target.database.db as unknown as Kysely<any>, !sameDialect);
      if (!sameDialect) {
        // The neutral dump of the source includes what came after the snapshot; drop it again.
        expected.audit_events = expected.audit_events!.filter((e: any) => e.action !== "backup.create");
      }
      const restoreEvents = restored.audit_events!.filter((e: any) => e.action === "backup.restore");
      expect(restoreEvents).toHaveLength(1);
      restored.audit_events = restored.audit_events!.filter((e: any) => e.action !== "backup.restore");
      expect(restored).toEqual(expected);
      expect(await storedKeys(target.storage)).toEqual([upload.relative]);
      expect(await readStored(target.storage, upload.relative)).toEqual(upload.bytes);
      if (storage === "local disk") {
        // The layout installations had before the storage port: the file under <dataDir>/uploads/.
        expect(readFileSync(path.join(target.dataDir, "uploads", upload.relative))).toEqual(upload.bytes);
      }
    });

    it("signs in with the restored password and the restored second factor", async () => {
      const first = await target.auth.api.signInEmail({
        body: { email: admin.email, password: admin.password },
        asResponse: true,
      });
      expect(await first.json()).toMatchObject({ twoFactorRedirect: true });
      const verified = await target.auth.api.verifyTOTP({
        body: { code: totp.generate() },
        headers: new Headers({ cookie: cookieHeader(first) }),
        asResponse: true,
      });
      expect(verified.status).toBe(200);
      const wrong = await target.auth.api.signInEmail({
        body: { email: admin.email, password: "not the password" },
        asResponse: true,
      });
      expect(wrong.status).toBe(401);
    });

    it("refuses to restore into an installation that holds data, and writes nothing", async () => {
      const counts = await countRows(target.database.db as unknown as Kysely<any>);
      await expect(restoreBackup(deps(target), operator, file)).rejects.toMatchObject({
        code: "restore-target-not-empty",
      });
      expect(await countRows(target.database.db as unknown as Kysely<any>)).toEqual(counts);
    });
  });
});

describe.each(databasesAndStorages(testDatabases))(
  "a damaged backup is refused on %s, files on %s",
  (kind, storage) => {
    const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-bad-"));
    let source: TestServices;
    let target: TestServices;
    let good: string[];
    beforeAll(async () => {
      source = await openInstallation(kind, storage);
      target = await openInstallation(kind, storage);
      await populate(source);
      await createBackup(deps(source), operator, path.join(work, "good.gz"));
      good = gunzipSync(readFileSync(path.join(work, "good.gz")))
        .toString("utf8")
        .trimEnd()
        .split("\n");
    });
    afterAll(async () => {
      await source?.close();
      await target?.close();
    });

    const write = (name: string, content: Buffer | string) => {
      const file = path.join(work, name);
      writeFileSync(file, content);
      return file;
    };
    const cases: [string, () => string, string][] = [
      ["not gzip at all", () => write("plain.txt", "hello"), "backup.reason.damaged"],
      [
        "cut off in the middle of the gzip stream",
        () => {
          const whole = readFileSync(path.join(work, "good.gz"));
          return write("cut.gz", whole.subarray(0, Math.floor(whole.length / 2)));
        },
        "backup.reason.damaged",
      ],
      ["gzip of something else", () => write("other.gz", gzipSync('{"hello":"world"}\n')), "backup.reason.not-backup"],
      [
        "a future format version",
        () => write("future.gz", gzipSync(`${JSON.stringify({ ...JSON.parse(good[0]!), version: 99 })}\n`)),
        "backup.reason.version",
      ],
      [
        "made by another version of the schema",
        () =>
          write(
            "old.gz",
            gzipSync(
              [JSON.stringify({ ...JSON.parse(good[0]!), migrations: ["0001-foundation"] }), ...good.slice(1)].join(
                "\n",
              ),
            ),
          ),
        "backup.reason.migrations",
      ],
      [
        "missing its end line",
        () => write("no-end.gz", gzipSync(`${good.slice(0, -1).join("\n")}\n`)),
        "backup.reason.truncated",
      ],
      [
        "a broken row near the end",
        () => write("bad-row.gz", gzipSync([...good.slice(0, -3), "[1,2", ...good.slice(-2)].join("\n"))),
        "backup.reason.line",
      ],
      [
        "a file outside uploads/",
        () =>
          write(
            "escape.gz",
            gzipSync(
              [
                ...good.slice(0, -2),
                JSON.stringify({ file: "../secret", data: "eA==" }),
                JSON.stringify({ ...JSON.parse(good.at(-1)!) }),
              ].join("\n"),
            ),
          ),
        "backup.reason.line",
      ],
      ["a missing file", () => path.join(work, "does-not-exist.gz"), "backup.reason.unreadable"],
    ];

    it.each(cases)("%s", async (_name, make, reason) => {
      await expect(restoreBackup(deps(target), operator, make())).rejects.toMatchObject({
        code: "backup-invalid",
        params: { reason },
      });
      const counts = await countRows(target.database.db as unknown as Kysely<any>);
      // The installation's own community (migration 0700) is there before any restore.
      expect(Object.entries(counts).filter(([table, n]) => n > 0 && table !== "communities")).toEqual([]);
      expect(await leftovers(target)).toEqual([]);
    });
  },
);

describe.each(["local disk", "S3"] as const)("a large upload (a seminar recording), files on %s", (storage) => {
  const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-large-"));
  const recording = { relative: "materials/2021/セミナー録画.mp4", bytes: randomBytes(2 * FILE_PART_BYTES + 12_345) };
  let source: TestServices;
  let lines: string[];
  beforeAll(async () => {
    source = await openInstallation("sqlite", storage);
    await source.storage.put(recording.relative, recording.bytes);
    await source.storage.put("empty.txt", new Uint8Array(0));
    await createBackup(deps(source), operator, path.join(work, "large.gz"));
    lines = gunzipSync(readFileSync(path.join(work, "large.gz")))
      .toString("utf8")
      .trimEnd()
      .split("\n");
  });
  afterAll(async () => {
    await source?.close();
  });

  const restoreInto = async (file: string) => {
    const target = await openInstallation("sqlite", storage);
    try {
      return {
        summary: await restoreBackup(deps(target), operator, file),
        bytes: await readStored(target.storage, recording.relative),
      };
    } finally {
      await target.close();
    }
  };

  it("is written in parts of at most 3 MiB, never as one line, and restored byte for byte", async () => {
    const parts = lines.map((l) => JSON.parse(l)).filter((l) => l.file === recording.relative);
    expect(parts.map((p) => [Buffer.from(p.data, "base64").length, p.more])).toEqual([
      [FILE_PART_BYTES, true],
      [FILE_PART_BYTES, true],
      [12_345, undefined],
    ]);
    expect(lines.map((l) => JSON.parse(l)).filter((l) => l.file === "empty.txt")).toEqual([
      { file: "empty.txt", data: "" },
    ]);
    const { summary, bytes } = await restoreInto(path.join(work, "large.gz"));
    expect(summary.files).toBe(2);
    expect(bytes.equals(recording.bytes)).toBe(true);
  });

  it("still restores a version 1 backup, where each file is one line", async () => {
    const values = lines.map((l) => JSON.parse(l));
    const whole = { file: recording.relative, data: recording.bytes.toString("base64") };
    const v1 = [{ ...values[0], version: 1 }, ...values.slice(1).filter((l) => l.file !== recording.relative), whole];
    const end = v1.findIndex((l) => l.end);
    v1.push(v1.splice(end, 1)[0]);
    const file = path.join(work, "v1.gz");
    writeFileSync(file, gzipSync(`${v1.map((l) => JSON.stringify(l)).join("\n")}\n`));
    const { bytes } = await restoreInto(file);
    expect(bytes.equals(recording.bytes)).toBe(true);
  });

  it("refuses a backup cut off between the parts of a file, and writes nothing", async () => {
    const lastPart = lines.findIndex((l) => l.includes(`"file":"${recording.relative}"`) && !l.includes('"more":true'));
    const file = path.join(work, "cut.gz");
    writeFileSync(file, gzipSync(`${[...lines.slice(0, lastPart), ...lines.slice(lastPart + 1)].join("\n")}\n`));
    const target = await openInstallation("sqlite", storage);
    try {
      await expect(restoreBackup(deps(target), operator, file)).rejects.toMatchObject({ code: "backup-invalid" });
      expect(await leftovers(target)).toEqual([]);
    } finally {
      await target.close();
    }
  });
});

describe.each(testDatabases)("the demo year from %s", (sourceKind) => {
  const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-demo-"));
  let source: TestServices;
  beforeAll(async () => {
    source = await openTestServices(sourceKind);
    await loadDemoYear({
      db: source.database.db,
      dialect: source.database.dialect,
      clock: source.clock,
      accounts: source.accounts,
      actor: operator,
      storage: source.storage,
      log: () => {},
    });
    await createBackup(deps(source), operator, path.join(work, "demo.gz"));
  }, 120_000);
  afterAll(async () => {
    await source?.close();
  });

  // Every capability's demo data, whatever tables and foreign keys it brings, survives the trip.
  it.each(testDatabases)("is reproduced in %s", async (targetKind) => {
    const target = await openTestServices(targetKind);
    try {
      await restoreBackup(deps(target), operator, path.join(work, "demo.gz"));
      const expected = await dumpTables(source.database.db as unknown as Kysely<any>, true);
      const restored = await dumpTables(target.database.db as unknown as Kysely<any>, true);
      const withoutBackupEvents = (events: unknown[]) => events.filter((e: any) => !e.action.startsWith("backup."));
      expected.audit_events = withoutBackupEvents(expected.audit_events!);
      restored.audit_events = withoutBackupEvents(restored.audit_events!);
      expect(restored).toEqual(expected);
      expect(await storedKeys(target.storage)).toEqual(await storedKeys(source.storage));
      expect(await listFiles(path.join(target.dataDir, "uploads"))).toEqual(
        await listFiles(path.join(source.dataDir, "uploads")),
      );
    } finally {
      await target.close();
    }
  });
});

describe("moving an installation's files from the local disk to a bucket", () => {
  it("is a backup of the installation on disk restored into one configured with S3", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-move-"));
    const source = await openInstallation("sqlite", "local disk");
    const target = await openInstallation("sqlite", "S3");
    try {
      await source.storage.put(upload.relative, upload.bytes);
      await source.storage.put("sharing/materials/01.mp4", randomBytes(FILE_PART_BYTES + 7));
      await createBackup(deps(source), operator, path.join(work, "move.gz"));
      const summary = await restoreBackup(deps(target), operator, path.join(work, "move.gz"));
      expect(summary.files).toBe(2);
      expect(await storedKeys(target.storage)).toEqual(await storedKeys(source.storage));
      for (const key of await storedKeys(source.storage))
        expect((await readStored(target.storage, key)).equals(await readStored(source.storage, key)), key).toBe(true);
    } finally {
      await source.close();
      await target.close();
    }
  });
});

describe("backup format helpers", () => {
  const table = (name: string, references: string[] = []) => ({
    name,
    columns: [],
    primaryKey: ["id"],
    references,
    selfReferences: [],
  });

  it("orders tables parents first", () => {
    const ordered = orderParentsFirst([
      table("decisions", ["meetings", "organisations"]),
      table("meetings", ["groups"]),
      table("groups", ["organisations"]),
      table("organisations"),
    ]);
    expect(ordered.map((t) => t.name)).toEqual(["organisations", "groups", "meetings", "decisions"]);
  });

  it("refuses a cycle between tables", () => {
    expect(() => orderParentsFirst([table("a", ["b"]), table("b", ["a"])])).toThrow(/cycle/);
  });

  it("splits lines across chunk boundaries, even inside a multi-byte character", async () => {
    const bytes = Buffer.from("長崎地域SECURITY\n協定書\n最後の行");
    const chunks = [bytes.subarray(0, 5), bytes.subarray(5, 21), bytes.subarray(21, 22), bytes.subarray(22)];
    const lines: string[] = [];
    for await (const line of readLines(Readable.from(chunks))) lines.push(line);
    expect(lines).toEqual(["長崎地域SECURITY", "協定書", "最後の行"]);
  });

  it("keeps uploaded files inside uploads/", () => {
    expect(safeUploadPath("agreements/2020/a.pdf")).toBe("agreements/2020/a.pdf");
    for (const bad of ["../x", "a/../../x", "/etc/passwd", "a\\..\\x", "./a", "a//b", ""])
      expect(safeUploadPath(bad), bad).toBeNull();
  });
});

describe("a restore with two communities", () => {
  // The backup's first community takes the target's own id: every column naming a community follows it,
  // the two sides of a 法人番号 link (ADR 039) as well as community_id.
  it("keeps a 法人番号 link between them", async () => {
    const work = mkdtempSync(path.join(tmpdir(), "chiiki-backup-links-"));
    const source = await openTestServices("sqlite");
    const target = await openTestServices("sqlite");
    try {
      const office = secretariatActor();
      const saga = await createCommunity({ root: source.database.root, clock: source.clock }, operator, {
        slug: "saga",
        name: "佐賀地域SECURITY",
      });
      const other = source.forCommunity(saga);
      const org = {
        name: "有明システム株式会社",
        reading: "ありあけ",
        sector: "industry",
        membership: "member",
      } as const;
      const mine = await createOrganisation(communityDepsFrom(source), office, {
        ...org,
        corporateNumber: "7000012050002",
      });
      const theirs = await createOrganisation(communityDepsFrom(other), office, {
        ...org,
        corporateNumber: "7000012050002",
      });
      await proposeCorporateLink(corporateLinkDepsFrom(source), office, {
        organisationId: mine.id,
        communityId: saga.id,
      });
      const [proposal] = await listCorporateLinkProposals(corporateLinkDepsFrom(other), office);
      await acceptCorporateLink(corporateLinkDepsFrom(other), office, {
        linkId: proposal!.id,
        organisationId: theirs.id,
      });
      await createBackup(deps(source), operator, path.join(work, "links.gz"));
      // The target's own community has another id than the backup's first (as on another installation).
      const home = { ...target.community, id: "targethome01" };
      await target.database.root
        .updateTable("communities")
        .set({ id: home.id })
        .where("id", "=", target.community.id)
        .execute();
      await restoreBackup(deps(target), operator, path.join(work, "links.gz"));
      const restored = target.forCommunity(home);
      const matches = await getCorporateNumberMatches(corporateLinkDepsFrom(restored), office, mine.id);
      expect(matches).toMatchObject([{ communityId: saga.id, name: "佐賀地域SECURITY", link: { state: "linked" } }]);
    } finally {
      await source.close();
      await target.close();
    }
  });
});
