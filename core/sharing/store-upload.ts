/**
 * Uploads are judged by their content (file-type reads the magic bytes), never by the name or the
 * browser's word, and by size; then put in the installation's file storage under `sharing/`
 * (core/storage: `<dataDir>/uploads/sharing/` by default, or a bucket), outside anything the web
 * server serves statically, and only ever read back through a route that decides access.
 *
 * A file arrives either as bytes (small files, the demo, tests) or, for uploads through the web,
 * as a file the request was streamed into under `<dataDir>/upload-tmp/` (a seminar recording can
 * be gigabytes: it is never held in memory). That file is sniffed from its first bytes and then
 * moved into the store (renamed on the same disk, streamed to a bucket).
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import { requireFileOpens } from "../shared/check-file-opens.ts";
import { AppError } from "../shared/errors.ts";
import { checkKey, type FileStorage, isStorageNotFound, readStored } from "../storage/port.ts";

/** An uploaded file: its bytes, or where on disk it was streamed to. */
export type UploadedFile = { name: string; bytes: Uint8Array } | { name: string; path: string };

export const uploadKinds = {
  pdf: { types: ["application/pdf"], maxBytes: 20 * 1024 * 1024 },
  pptx: {
    types: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"],
    maxBytes: 50 * 1024 * 1024,
  },
  image: { types: ["image/png", "image/jpeg", "image/gif", "image/webp"], maxBytes: 10 * 1024 * 1024 },
  video: { types: ["video/mp4", "video/webm"], maxBytes: 2 * 1024 * 1024 * 1024 },
} as const;
export type UploadKind = keyof typeof uploadKinds;

export interface CheckedUpload {
  kind: UploadKind;
  contentType: string;
  extension: string;
  sizeBytes: number;
}

/**
 * Which of the allowed kinds the file is, or a field error naming what is accepted. `maxBytes`
 * overrides a kind's size limit (the configured upload limit for videos).
 */
export async function checkUpload(
  file: UploadedFile,
  allowed: readonly UploadKind[],
  options: { field?: string; maxBytes?: Partial<Record<UploadKind, number>> } = {},
): Promise<CheckedUpload> {
  const field = options.field ?? "file";
  const size = "bytes" in file ? file.bytes.byteLength : (await stat(file.path)).size;
  if (size === 0) throw new AppError("validation-failed", { fields: [{ field, code: "sharing-file-empty" }] });
  const detected = "bytes" in file ? await fileTypeFromBuffer(file.bytes) : await fileTypeFromFile(file.path);
  const kind = detected && allowed.find((k) => (uploadKinds[k].types as readonly string[]).includes(detected.mime));
  if (!detected || !kind) {
    throw new AppError("validation-failed", {
      fields: [{ field, code: "sharing-file-type", params: { allowed: allowed.join(", ").toUpperCase() } }],
    });
  }
  const max = options.maxBytes?.[kind] ?? uploadKinds[kind].maxBytes;
  if (size > max) {
    throw new AppError("validation-failed", {
      fields: [{ field, code: "sharing-file-too-large", params: { max: Math.round(max / 1024 / 1024) } }],
    });
  }
  // A document or image is opened before it is kept (a recording is judged by its container only:
  // it can be gigabytes, and the browser's player copes with what it cannot play).
  if (kind !== "video") {
    await requireFileOpens(
      "bytes" in file ? file.bytes : await readFile(file.path),
      detected.mime,
      field,
      detected.ext.toUpperCase(),
    );
  }
  return { kind, contentType: detected.mime, extension: detected.ext, sizeBytes: size };
}

/** Where the web layer streams a request's file before the use case checks and stores it (this machine's disk). */
export function uploadTempDir(dataDir: string): string {
  return path.join(dataDir, "upload-tmp");
}

/**
 * The storage key of a sharing file: rows keep `posts/<id>.<ext>` or `materials/<id>.<ext>`, the
 * store holds them under `sharing/` (on the local disk, `<dataDir>/uploads/sharing/…` as before).
 */
export function sharingKey(storageKey: string): string {
  try {
    return `sharing/${checkKey(storageKey)}`;
  } catch (error) {
    throw new AppError("not-found", { cause: error });
  }
}

/**
 * Puts a file in the store under a new name and returns the key its row keeps. Readers never see
 * half a file (the port's promise); a streamed file is moved when the store is this disk, and
 * streamed to the bucket otherwise, never read into memory.
 */
export async function storeUpload(
  storage: FileStorage,
  folder: "posts" | "materials",
  id: string,
  checked: CheckedUpload,
  file: UploadedFile,
): Promise<string> {
  const key = `${folder}/${id}.${checked.extension}`;
  await storage.put(sharingKey(key), "bytes" in file ? file.bytes : { file: file.path }, {
    contentType: checked.contentType,
    // What was checked is what is stored: a file that grew since is refused, not kept.
    maxBytes: checked.sizeBytes,
  });
  return key;
}

/** Removes a stored file whose record could not be written, so no file is left without a row. */
export async function discardStoredUpload(storage: FileStorage, key: string): Promise<void> {
  await storage.delete(sharingKey(key));
}

/** A file name safe to show and to put in Content-Disposition (no path, no control characters). */
export function cleanFileName(name: string, fallback: string): string {
  const base = path
    .basename(name.replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim();
  return base.slice(0, 200) || fallback;
}

/** A stored sharing file, whole (a document to stamp or render; never a recording). */
export async function readStoredFile(storage: FileStorage, storageKey: string): Promise<Buffer<ArrayBuffer>> {
  try {
    return await readStored(storage, sharingKey(storageKey));
  } catch (error) {
    // A row whose file is gone is a damaged store: the page says the file cannot be read.
    if (isStorageNotFound(error)) throw new AppError("file-unreadable", { cause: error });
    throw error;
  }
}
