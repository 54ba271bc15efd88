/**
 * File storage for tests: the local disk as an installation has it by default, and a real S3
 * server (s3rver, in a child process: tests/support/s3rver.ts) for the same tests over a bucket.
 */
import path from "node:path";
import { defaultUploadsRoot } from "../../core/storage/create-storage.ts";
import { localDiskStorage } from "../../core/storage/local-disk-storage.ts";
import type { FileStorage } from "../../core/storage/port.ts";

/** The default storage of an installation whose data dir is `dataDir` (`<dataDir>/uploads`). */
export function localStorageOf(dataDir: string): FileStorage {
  return localDiskStorage(defaultUploadsRoot(path.resolve(dataDir)));
}

/** Every stored key, in order. */
export async function storedKeys(storage: FileStorage, prefix = ""): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of storage.list(prefix)) keys.push(key);
  return keys;
}

/** For code that must not touch files (the surveys demo): every call fails the test. */
export const noStorage: FileStorage = {
  location: "none:",
  put: () => Promise.reject(new Error("no storage in this test")),
  get: () => Promise.reject(new Error("no storage in this test")),
  head: () => Promise.reject(new Error("no storage in this test")),
  delete: () => Promise.reject(new Error("no storage in this test")),
  // biome-ignore lint/correctness/useYield: it fails before yielding anything
  async *list() {
    throw new Error("no storage in this test");
  },
};
