/**
 * Issue 18: app processes on several machines share uploaded files. Two built app processes, each
 * with a data directory of its own (two machines), over one PostgreSQL database and one S3 bucket
 * (a real s3rver child process): a recording uploaded through A plays back from B with Range
 * requests (and HEAD), and neither machine keeps the file on its own disk.
 */
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadTempDir } from "../../core/sharing/store-upload.ts";
import { s3rverForThisFile } from "../support/s3rver.ts";
import { type AppServer, createPostgresDatabase, startAppServer } from "../support/server.ts";
import { storedKeys } from "../support/storage.ts";
import { openSharingWorld, type SharingE2eWorld } from "./sharing-world.ts";

const MB = 1024 * 1024;
const BOUNDARY = "----chiikiE2eSharedStorage";
const FTYP = [0, 0, 0, 0x18, ...Buffer.from("ftypisom"), 0, 0, 2, 0, ...Buffer.from("isomiso2")];

/** An MP4 by its first bytes, then a pattern: byte i of the file is known. */
function recording(size: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = i < FTYP.length ? FTYP[i]! : (i * 7) % 253;
  return bytes;
}

function materialForm(fields: Record<string, string>, fileName: string, file: Buffer): Blob {
  let head = "";
  for (const [name, value] of Object.entries(fields))
    head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: video/mp4\r\n\r\n`;
  return new Blob([head, new Uint8Array(file), `\r\n--${BOUNDARY}--\r\n`]);
}

const filesIn = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }) : []);

describe.skipIf(!process.env.TEST_DATABASE_URL)("two machines sharing one bucket", () => {
  const s3 = s3rverForThisFile();
  let a: AppServer;
  let b: AppServer;
  let w: SharingE2eWorld;
  let bucket: string;

  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;

  // Two app processes and the world's sign-ins: slow on a busy machine, hence the longer timeout.
  beforeAll(async () => {
    bucket = await s3.newBucket();
    database = await createPostgresDatabase();
    const env = { CHIIKI_WORKER: "off", ...s3.env(bucket) };
    // One after the other: each migrates (the second finds nothing to do) within the harness's 30 s.
    a = await startAppServer({ databaseUrl: database.url, rateLimits: false, env });
    b = await startAppServer({ databaseUrl: database.url, rateLimits: false, env });
    w = await openSharingWorld(a);
  }, 300_000);
  afterAll(async () => {
    await w?.services.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await database?.drop();
  });

  it("plays a recording uploaded through A from B, by range, and keeps it on neither machine's disk", async () => {
    const size = 12 * MB + 4321; // more than one multipart part
    const file = recording(size);
    const upload = await fetch(`${a.baseUrl}/materials/new`, {
      method: "POST",
      redirect: "manual",
      headers: {
        cookie: w.cookies.secretariat!,
        origin: a.baseUrl,
        "content-type": `multipart/form-data; boundary=${BOUNDARY}`,
      },
      body: materialForm(
        { eventId: w.world.eventId, title: "第4回セミナー 録画", speakerName: "講師" },
        "第4回.mp4",
        file,
      ),
    });
    expect(upload.status, await upload.clone().text()).toBe(302);
    const id = /\/materials\/(\w+)$/.exec(upload.headers.get("location") ?? "")![1]!;
    const row = await a.db().selectFrom("talk_materials").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(await s3.storage(bucket).head(`sharing/${row.storage_key}`)).toMatchObject({
      size,
      contentType: "video/mp4",
    });

    const range = async (app: AppServer, header: string) => {
      const response = await fetch(`${app.baseUrl}/materials/${id}/file`, {
        headers: { cookie: w.cookies.secretariat!, range: header },
      });
      return {
        status: response.status,
        contentRange: response.headers.get("content-range"),
        bytes: Buffer.from(await response.arrayBuffer()),
      };
    };
    const start = await range(b, "bytes=0-99");
    expect(start).toMatchObject({ status: 206, contentRange: `bytes 0-99/${size}` });
    expect(start.bytes.equals(file.subarray(0, 100))).toBe(true);
    const middle = await range(b, `bytes=${9 * MB}-${9 * MB + 65_535}`);
    expect(middle.status).toBe(206);
    expect(middle.bytes.equals(file.subarray(9 * MB, 9 * MB + 65_536))).toBe(true);
    const end = await range(a, `bytes=${size - 500}-`);
    expect(end).toMatchObject({ status: 206, contentRange: `bytes ${size - 500}-${size - 1}/${size}` });
    expect(end.bytes.equals(file.subarray(size - 500))).toBe(true);
    const head = await fetch(`${b.baseUrl}/materials/${id}/file`, {
      method: "HEAD",
      headers: { cookie: w.cookies.secretariat! },
    });
    expect([head.status, head.headers.get("content-length")]).toEqual([200, String(size)]);

    // (The world's own files were seeded by this test process onto A's disk; the recording is on neither.)
    for (const app of [a, b]) {
      expect(existsSync(path.join(app.dataDir, "uploads", "sharing", row.storage_key))).toBe(false);
      expect(filesIn(uploadTempDir(app.dataDir))).toEqual([]);
    }
    expect(filesIn(path.join(b.dataDir, "uploads"))).toEqual([]);
    expect(await storedKeys(s3.storage(bucket))).toEqual([`sharing/${row.storage_key}`]);
  });
});
