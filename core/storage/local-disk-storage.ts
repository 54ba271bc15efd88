/**
 * The storage port over a directory of this machine (the default: `<dataDir>/uploads`). A key is
 * the file's path under the root, so the layout is the one installations had before the port
 * (`sharing/materials/<id>.<ext>`, `agreements/<agreementId>/<id>.<ext>`) and needs no migration.
 *
 * A put writes `.<name>.<random>.partial` beside the target and renames it into place, so a reader
 * (or a backup) never sees half a file; listings skip dot-names. Several machines can share the
 * directory only through a network file system; otherwise use the S3 adapter (docs/storage.md).
 */
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { copyFile, mkdir, open, readdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pathToFileURL } from "node:url";
import {
  type ByteRange,
  checkKey,
  checkPrefix,
  compareKeys,
  type FileStorage,
  StorageLimitError,
  StorageNotFoundError,
  type StorageSource,
  type StoredObject,
} from "./port.ts";

/** Counts the bytes passing through and fails the stream past `maxBytes`. */
export function byteLimit(maxBytes: number | undefined, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      if (maxBytes !== undefined && counted.bytes > maxBytes) done(new StorageLimitError(maxBytes));
      else done(null, chunk);
    },
  });
}

const isMissing = (error: unknown) => ["ENOENT", "ENOTDIR"].includes((error as NodeJS.ErrnoException)?.code ?? "");

export function localDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);
  const fileOf = (key: string) => path.join(base, ...checkKey(key).split("/"));

  /** Removes the folders a delete emptied, up to (not including) the root. */
  async function pruneEmptyParents(file: string): Promise<void> {
    for (let dir = path.dirname(file); dir.startsWith(base + path.sep); dir = path.dirname(dir)) {
      try {
        await rmdir(dir);
      } catch {
        return; // not empty (or already gone): its parents are not empty either
      }
    }
  }

  return {
    location: pathToFileURL(base).href,

    async put(key, source: StorageSource, options = {}): Promise<StoredObject> {
      const target = fileOf(key);
      const dir = path.dirname(target);
      await mkdir(dir, { recursive: true });
      const partial = path.join(dir, `.${path.basename(target)}.${randomBytes(6).toString("hex")}.partial`);
      const { maxBytes } = options;
      try {
        if (source instanceof Uint8Array) {
          if (maxBytes !== undefined && source.byteLength > maxBytes) throw new StorageLimitError(maxBytes);
          await writeFile(partial, source, { flag: "wx", mode: 0o600 });
        } else if ("file" in source) {
          const { size } = await stat(source.file);
          if (maxBytes !== undefined && size > maxBytes) throw new StorageLimitError(maxBytes);
          try {
            // Same disk: the file is moved, not copied (a recording can be gigabytes).
            await rename(source.file, partial);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
            await copyFile(source.file, partial);
          }
        } else {
          const counted = { bytes: 0 };
          await pipeline(
            Readable.from(source),
            byteLimit(maxBytes, counted),
            createWriteStream(partial, { flags: "wx", mode: 0o600 }),
          );
        }
        await rename(partial, target);
      } catch (error) {
        await rm(partial, { force: true });
        throw error;
      }
      const { size } = await stat(target);
      return { size, contentType: undefined };
    },

    async get(key, range?: ByteRange): Promise<Readable> {
      const file = fileOf(key);
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(file, "r");
      } catch (error) {
        if (isMissing(error) || (error as NodeJS.ErrnoException).code === "EISDIR") throw new StorageNotFoundError(key);
        throw error;
      }
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        throw new StorageNotFoundError(key);
      }
      if (range && range.start >= info.size) {
        await handle.close();
        return Readable.from([]);
      }
      return handle.createReadStream(range ? { start: range.start, end: Math.min(range.end, info.size - 1) } : {});
    },

    async head(key): Promise<StoredObject | null> {
      try {
        const info = await stat(fileOf(key));
        return info.isFile() ? { size: info.size, contentType: undefined } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async delete(key): Promise<void> {
      const file = fileOf(key);
      await rm(file, { force: true });
      await pruneEmptyParents(file);
    },

    async *list(prefix) {
      checkPrefix(prefix);
      // Only the folder the prefix names is walked, not the whole store.
      const folder = prefix.includes("/") ? prefix.slice(0, prefix.lastIndexOf("/")) : "";
      const start = path.join(base, ...folder.split("/").filter(Boolean));
      let entries;
      try {
        entries = await readdir(start, { recursive: true, withFileTypes: true });
      } catch (error) {
        if (isMissing(error)) return;
        throw error;
      }
      const found: { key: string; file: string }[] = [];
      for (const entry of entries) {
        if (!entry.isFile()) continue;
        const file = path.join(entry.parentPath, entry.name);
        const key = path.relative(base, file).split(path.sep).join("/");
        if (key.startsWith(prefix) && !key.split("/").some((s) => s.startsWith("."))) found.push({ key, file });
      }
      found.sort((a, b) => compareKeys(a.key, b.key));
      for (const { key, file } of found) {
        const info = await stat(file).catch((error) => {
          if (isMissing(error)) return null; // deleted while we listed
          throw error;
        });
        if (info) yield { key, size: info.size };
      }
    },
  };
}
