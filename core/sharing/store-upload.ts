/**
 * Uploads are judged by their content (file-type reads the magic bytes), never by the name or the
 * browser's word, and by size; then written under `<dataDir>/uploads/sharing/`, outside anything
 * the web server serves statically, and only ever read back through a route that decides access.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { AppError } from "../shared/errors.ts";

export const uploadKinds = {
  pdf: { types: ["application/pdf"], maxBytes: 20 * 1024 * 1024 },
  pptx: { types: ["application/vnd.openxmlformats-officedocument.presentationml.presentation"], maxBytes: 50 * 1024 * 1024 },
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

/** Which of the allowed kinds the bytes are, or a field error naming what is accepted. */
export async function checkUpload(bytes: Uint8Array, allowed: readonly UploadKind[], field = "file"): Promise<CheckedUpload> {
  if (bytes.byteLength === 0) throw new AppError("validation-failed", { fields: [{ field, code: "sharing-file-empty" }] });
  const detected = await fileTypeFromBuffer(bytes);
  const kind = detected && allowed.find((k) => (uploadKinds[k].types as readonly string[]).includes(detected.mime));
  if (!detected || !kind) {
    throw new AppError("validation-failed", { fields: [{ field, code: "sharing-file-type", params: { allowed: allowed.join(", ").toUpperCase() } }] });
  }
  const max = uploadKinds[kind].maxBytes;
  if (bytes.byteLength > max) {
    throw new AppError("validation-failed", { fields: [{ field, code: "sharing-file-too-large", params: { max: Math.round(max / 1024 / 1024) } }] });
  }
  return { kind, contentType: detected.mime, extension: detected.ext, sizeBytes: bytes.byteLength };
}

export function sharingUploadDir(dataDir: string): string {
  return path.join(dataDir, "uploads", "sharing");
}

/** Writes to a temporary name first, so a reader never sees half a file. Returns the storage key. */
export async function storeUpload(dataDir: string, folder: "posts" | "materials", id: string, extension: string, bytes: Uint8Array): Promise<string> {
  const key = `${folder}/${id}.${extension}`;
  const target = resolveStorageKey(dataDir, key);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(`${target}.tmp`, bytes);
  await rename(`${target}.tmp`, target);
  return key;
}

export function resolveStorageKey(dataDir: string, key: string): string {
  const root = sharingUploadDir(dataDir);
  const target = path.resolve(root, key);
  if (!target.startsWith(root + path.sep)) throw new AppError("not-found");
  return target;
}

/** A file name safe to show and to put in Content-Disposition (no path, no control characters). */
export function cleanFileName(name: string, fallback: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[\u0000-\u001f\u007f"]/g, "").trim();
  return base.slice(0, 200) || fallback;
}
