/**
 * The storage port's contract, run against both adapters: the local disk in a temporary directory
 * and S3 against a real s3rver process (tests/support/s3rver.ts). What the callers rely on: a put
 * streams, stops at its byte limit and leaves nothing behind; get returns the whole file or a byte
 * range; head gives the size; delete is idempotent; list walks a prefix in key order.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { s3rverForThisFile } from "../../tests/support/s3rver.ts";
import { storedKeys } from "../../tests/support/storage.ts";
import { localDiskStorage } from "./local-disk-storage.ts";
import {
  deletePrefix,
  type FileStorage,
  readStored,
  StorageLimitError,
  StorageNotFoundError,
  checkKey,
} from "./port.ts";

const MB = 1024 * 1024;

/** Deterministic bytes (so a misplaced range shows), in chunks of `chunk`. */
function bytesOf(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + (i >> 8)) & 0xff;
  return out;
}
async function* chunks(data: Buffer, chunk = 64 * 1024): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk);
}
async function collect(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

const s3 = s3rverForThisFile();
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const adapters: [string, () => Promise<FileStorage>][] = [
  [
    "the local disk",
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "chiiki-storage-"));
      dirs.push(dir);
      return localDiskStorage(path.join(dir, "uploads"));
    },
  ],
  ["S3 (s3rver)", async () => s3.storage(await s3.newBucket(), "installation")],
];

describe.each(adapters)("file storage on %s", (_name, open) => {
  let storage: FileStorage;
  beforeAll(async () => {
    storage = await open();
  });

  it("puts bytes and gets them back, with their size and (where kept) type from head", async () => {
    const data = bytesOf(1000);
    expect((await storage.put("sharing/posts/a.pdf", data, { contentType: "application/pdf" })).size).toBe(1000);
    expect(await readStored(storage, "sharing/posts/a.pdf")).toEqual(data);
    const head = await storage.head("sharing/posts/a.pdf");
    expect(head?.size).toBe(1000);
    if (head?.contentType !== undefined) expect(head.contentType).toBe("application/pdf");
    expect(await storage.head("sharing/posts/none.pdf")).toBeNull();
  });

  it("streams a put of several parts (larger than one S3 part) without knowing its size", async () => {
    const data = bytesOf(17 * MB + 12345);
    const stored = await storage.put("sharing/materials/rec.mp4", chunks(data), { contentType: "video/mp4" });
    expect(stored.size).toBe(data.length);
    expect((await storage.head("sharing/materials/rec.mp4"))?.size).toBe(data.length);
    expect((await readStored(storage, "sharing/materials/rec.mp4")).equals(data)).toBe(true);
  });

  it("puts a file from disk (moved or copied) and replaces what the key held", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chiiki-storage-src-"));
    dirs.push(dir);
    const file = path.join(dir, "upload.part");
    writeFileSync(file, "first");
    await storage.put("agreements/ag1/x.pdf", { file });
    writeFileSync(file, "second version");
    await storage.put("agreements/ag1/x.pdf", { file });
    expect((await readStored(storage, "agreements/ag1/x.pdf")).toString()).toBe("second version");
  });

  it("stops a streamed put at its byte limit and leaves nothing behind, under any listing", async () => {
    const before = await storedKeys(storage);
    const data = bytesOf(12 * MB);
    let read = 0;
    async function* counted() {
      for await (const chunk of chunks(data)) {
        read += chunk.length;
        yield chunk;
      }
    }
    await expect(storage.put("sharing/materials/big.mp4", counted(), { maxBytes: 9 * MB })).rejects.toBeInstanceOf(
      StorageLimitError,
    );
    expect(read).toBeLessThan(data.length); // it stopped reading, not just refused at the end
    expect(await storage.head("sharing/materials/big.mp4")).toBeNull();
    expect(await storedKeys(storage)).toEqual(before);
    // Bytes and files over the limit are refused before anything is written.
    await expect(storage.put("sharing/posts/b.png", bytesOf(11), { maxBytes: 10 })).rejects.toBeInstanceOf(
      StorageLimitError,
    );
    await expect(storage.put("sharing/posts/b.png", chunks(bytesOf(11), 3), { maxBytes: 10 })).rejects.toBeInstanceOf(
      StorageLimitError,
    );
    expect(await storage.head("sharing/posts/b.png")).toBeNull();
    expect(await storedKeys(storage)).toEqual(before);
    // Exactly at the limit is allowed.
    await storage.put("sharing/posts/c.png", chunks(bytesOf(10), 3), { maxBytes: 10 });
    expect((await storage.head("sharing/posts/c.png"))?.size).toBe(10);
  });

  it("leaves nothing behind when the source itself fails midway", async () => {
    const before = await storedKeys(storage);
    async function* broken() {
      yield bytesOf(6 * MB);
      yield bytesOf(3 * MB);
      throw new Error("the client went away");
    }
    await expect(storage.put("sharing/materials/cut.mp4", broken())).rejects.toThrow("the client went away");
    expect(await storage.head("sharing/materials/cut.mp4")).toBeNull();
    expect(await storedKeys(storage)).toEqual(before);
  });

  it("gets a byte range (both ends included), clipped at the end of the file", async () => {
    const data = bytesOf(300_000);
    await storage.put("sharing/materials/range.webm", data);
    // (Not `bytes=0-0`: s3rver reads an end of 0 as "to the end"; S3 and MinIO do not.)
    expect(await collect(await storage.get("sharing/materials/range.webm", { start: 0, end: 9 }))).toEqual(
      data.subarray(0, 10),
    );
    expect(await collect(await storage.get("sharing/materials/range.webm", { start: 1000, end: 199_999 }))).toEqual(
      data.subarray(1000, 200_000),
    );
    expect(await collect(await storage.get("sharing/materials/range.webm", { start: 299_990, end: 400_000 }))).toEqual(
      data.subarray(299_990),
    );
    expect(
      (await collect(await storage.get("sharing/materials/range.webm", { start: 300_000, end: 300_010 }))).length,
    ).toBe(0);
  });

  it("answers a missing file with StorageNotFoundError from get and null from head", async () => {
    await expect(storage.get("sharing/posts/missing.pdf")).rejects.toBeInstanceOf(StorageNotFoundError);
    await expect(storage.get("sharing/posts/missing.pdf", { start: 0, end: 9 })).rejects.toBeInstanceOf(
      StorageNotFoundError,
    );
    expect(await storage.head("sharing/posts/missing.pdf")).toBeNull();
  });

  it("deletes a file; deleting again or a file never stored does nothing", async () => {
    await storage.put("sharing/posts/gone.pdf", bytesOf(10));
    await storage.delete("sharing/posts/gone.pdf");
    expect(await storage.head("sharing/posts/gone.pdf")).toBeNull();
    await storage.delete("sharing/posts/gone.pdf");
    await storage.delete("never/was.pdf");
  });

  it("lists by prefix in key order with sizes, and deletes a whole folder", async () => {
    await storage.put("agreements/ag2/b.pdf", bytesOf(2));
    await storage.put("agreements/ag2/a.pdf", bytesOf(1));
    await storage.put("agreements/ag20/c.pdf", bytesOf(3));
    const listed: { key: string; size: number }[] = [];
    for await (const entry of storage.list("agreements/ag2/")) listed.push(entry);
    expect(listed).toEqual([
      { key: "agreements/ag2/a.pdf", size: 1 },
      { key: "agreements/ag2/b.pdf", size: 2 },
    ]);
    expect(await storedKeys(storage, "agreements/ag2")).toEqual([
      "agreements/ag2/a.pdf",
      "agreements/ag2/b.pdf",
      "agreements/ag20/c.pdf",
    ]);
    const all = await storedKeys(storage);
    expect(all).toEqual([...all].sort());
    expect(all).toContain("sharing/posts/a.pdf");
    expect(await deletePrefix(storage, "agreements/ag2/")).toBe(2);
    expect(await storedKeys(storage, "agreements/")).toEqual(["agreements/ag1/x.pdf", "agreements/ag20/c.pdf"]);
  });

  it("refuses keys that could leave the store or hide among partial files", async () => {
    for (const key of ["../x", "a/../../x", "/abs", "a//b", "a/.hidden", "a\\b", "", "a/\u0000"]) {
      await expect(storage.put(key, bytesOf(1)), key).rejects.toThrow(/not a storage key/);
      await expect(storage.get(key), key).rejects.toThrow(/not a storage key/);
    }
  });
});

describe("the local disk keeps the layout installations already have", () => {
  it("stores a key as the file of that path under its root, and lists no partial file", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chiiki-storage-"));
    dirs.push(dir);
    const storage = localDiskStorage(dir);
    await storage.put("sharing/materials/01.pdf", Buffer.from("%PDF"));
    expect(readdirSync(path.join(dir, "sharing", "materials"))).toEqual(["01.pdf"]);
    writeFileSync(path.join(dir, "sharing", "materials", ".01.pdf.abc.partial"), "half");
    expect(await storedKeys(storage)).toEqual(["sharing/materials/01.pdf"]);
    // A delete takes the folders it emptied with it (an agreement's folder goes with its last file).
    await storage.put("agreements/ag/x.pdf", Buffer.from("x"));
    await storage.delete("agreements/ag/x.pdf");
    expect(readdirSync(dir)).toEqual(["sharing"]);
    expect(checkKey("agreements/ag/x.pdf")).toBe("agreements/ag/x.pdf");
  });
});
