/**
 * Uploads are judged by their content (file-type reads the magic bytes), never by the name or the
 * browser's word, and by size; then written under `<dataDir>/uploads/sharing/`, outside anything
 * the web server serves statically, and only ever read back through a route that decides access.
 *
 * A file arrives either as bytes (small files, the demo, tests) or, for uploads through the web,
 * as a file the request was streamed into under `<dataDir>/upload-tmp/` (a seminar recording can
 * be gigabytes: it is never held in memory). That file is sniffed from its first bytes and then
 * moved into the store, on the same disk.
 */
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import { requireFileOpens } from "../shared/check-file-opens.ts";
import { AppError } from "../shared/errors.ts";

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

export function sharingUploadDir(dataDir: string): string {
  return path.join(dataDir, "uploads", "sharing");
}

/** Where the web layer streams a request's file before the use case checks and stores it. */
export function uploadTempDir(dataDir: string): string {
  return path.join(dataDir, "upload-tmp");
}

/**
 * Puts a file in the store under a new name and returns its storage key. Bytes are written to a
 * temporary name first and a streamed file is moved, so a reader never sees half a file.
 */
export async function storeUpload(
  dataDir: string,
  folder: "posts" | "materials",
  id: string,
  extension: string,
  file: UploadedFile,
): Promise<string> {
  const key = `${folder}/${id}.${extension}`;
  const target = resolveStorageKey(dataDir, key);
  await mkdir(path.dirname(target), { recursive: true });
  if ("bytes" in file) {
    await writeFile(`${target}.tmp`, file.bytes);
    await rename(`${target}.tmp`, target);
    return key;
  }
  try {
    await rename(file.path, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
    // A temporary directory on another disk: copy under a temporary name, then move.
    await copyFile(file.path, `${target}.tmp`);
    await rename(`${target}.tmp`, target);
    await rm(file.path, { force: true });
  }
  return key;
}

/** Removes a stored file whose record could not be written, so no file is left without a row. */
export async function discardStoredUpload(dataDir: string, key: string): Promise<void> {
  await rm(resolveStorageKey(dataDir, key), { force: true });
}

export function resolveStorageKey(dataDir: string, key: string): string {
  const root = sharingUploadDir(dataDir);
  const target = path.resolve(root, key);
  if (!target.startsWith(root + path.sep)) throw new AppError("not-found");
  return target;
}

/** A file name safe to show and to put in Content-Disposition (no path, no control characters). */
export function cleanFileName(name: string, fallback: string): string {
  const base = path
    .basename(name.replace(/\\/g, "/"))
    .replace(/[\u0000-\u001f\u007f"]/g, "")
    .trim();
  return base.slice(0, 200) || fallback;
}
