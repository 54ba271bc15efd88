/**
 * Where uploaded files live: one port, two adapters (ADR 033, docs/storage.md). Every process of an
 * installation reaches the same files through it, so the app can run on several machines:
 *
 * - `local-disk-storage.ts`: a directory (default `<dataDir>/uploads`, the layout installations
 *   already have: `sharing/posts/…`, `sharing/materials/…`, `agreements/<id>/…`);
 * - `s3-storage.ts`: an S3-compatible bucket (AWS S3, MinIO, s3rver), under an optional prefix.
 *
 * Keys are `/`-separated relative paths (`sharing/materials/01H….mp4`); no segment is empty, `.`,
 * `..` or starts with a dot (the local adapter keeps its partial files under such names), and
 * none holds a backslash or a control character. Each capability keeps its own first segment
 * (`sharing/`, `agreements/`); a backup carries every key.
 */
import type { Readable } from "node:stream";

/** What a put reads: bytes in memory, a stream, or a file on this machine's disk that it may move away. */
export type StorageSource = Uint8Array | AsyncIterable<Uint8Array> | { file: string };

export interface StoredObject {
  size: number;
  /** As given to put; undefined when the adapter does not keep it (the local disk keeps none). */
  contentType: string | undefined;
}

/** A byte range, both ends included (as HTTP's `bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface FileStorage {
  /** Where the files are, for logs and the operator (no credentials): `file:///…` or `s3://bucket/prefix`. */
  readonly location: string;
  /**
   * Stores `source` under `key`, replacing what was there. Readers see the whole file or none of it.
   * Past `maxBytes` the put stops reading, leaves nothing behind and throws StorageLimitError.
   * A `{ file }` source may be moved rather than copied (the local disk renames it when it can).
   */
  put(key: string, source: StorageSource, options?: { contentType?: string; maxBytes?: number }): Promise<StoredObject>;
  /** The file, or the bytes of `range` (clipped to its end); throws StorageNotFoundError if there is none. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Its size and type, or null if there is no such file. */
  head(key: string): Promise<StoredObject | null>;
  /** Removes the file; nothing happens if there is none. */
  delete(key: string): Promise<void>;
  /** Every file whose key starts with `prefix` ("" for all), in key order (UTF-8 bytes, as S3 lists). */
  list(prefix: string): AsyncIterable<{ key: string; size: number }>;
}

/** Thrown by get when the key names no file. */
export class StorageNotFoundError extends Error {
  readonly key: string;
  constructor(key: string) {
    super(`no stored file ${key}`);
    this.key = key;
    this.name = "StorageNotFoundError";
  }
}

/** Thrown by put when the source holds more than maxBytes; nothing was stored. */
export class StorageLimitError extends Error {
  readonly maxBytes: number;
  constructor(maxBytes: number) {
    super(`the file is larger than ${maxBytes} bytes`);
    this.maxBytes = maxBytes;
    this.name = "StorageLimitError";
  }
}

export function isStorageNotFound(error: unknown): error is StorageNotFoundError {
  return error instanceof StorageNotFoundError;
}

/** A valid key, or an Error naming what is wrong with it (never a path outside the store). */
export function checkKey(key: string): string {
  const segments = key.split("/");
  const bad =
    key.length === 0 ||
    key.length > 1024 ||
    /[\\\u0000-\u001f\u007f]/.test(key) ||
    segments.some((s) => s === "" || s.startsWith("."));
  if (bad) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

/** A prefix to list: "" or keys' leading part (may end with `/`). */
export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  checkKey(prefix.endsWith("/") ? prefix.slice(0, -1) : prefix);
  return prefix;
}

/** Compares keys as S3 orders them (by UTF-8 bytes), so both adapters list in one order. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The whole file in memory: only for files whose use needs them whole (stamping a PDF, under 50 MB). */
export async function readStored(storage: FileStorage, key: string): Promise<Buffer<ArrayBuffer>> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Removes every file under `prefix` (an agreement's folder); returns how many went. */
export async function deletePrefix(storage: FileStorage, prefix: string): Promise<number> {
  const keys: string[] = [];
  for await (const { key } of storage.list(prefix)) keys.push(key);
  for (const key of keys) await storage.delete(key);
  return keys.length;
}
