/**
 * Whether an uploaded file opens as what its first bytes claim: file-type only reads a header,
 * and a `%PDF-` header over anything else would be stored and then fail every time someone views
 * it. Parsed on arrival, so a broken file is refused with a message instead: a PDF must load in
 * pdf-lib (which stamps downloads; it refuses password-protected files) and in pdf.js (which
 * renders pages) with at least one page; an image must decode to a size; an Office file must be a
 * zip that opens, with its content-types part.
 */
import { loadImage } from "@napi-rs/canvas";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import { AppError } from "./errors.ts";
import { pdfPageSizes } from "./pdf-document.ts";

async function pdfOpens(bytes: Uint8Array): Promise<boolean> {
  try {
    const pdf = await PDFDocument.load(bytes, { ignoreEncryption: false, updateMetadata: false });
    if (pdf.getPageCount() === 0) return false;
    return (await pdfPageSizes(bytes)).length > 0;
  } catch {
    return false;
  }
}

async function imageOpens(bytes: Uint8Array): Promise<boolean> {
  try {
    const image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return image.width > 0 && image.height > 0;
  } catch {
    return false;
  }
}

async function officeOpens(bytes: Uint8Array): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    return zip.file("[Content_Types].xml") !== null;
  } catch {
    return false;
  }
}

/** Checks the file by its (sniffed) type; types without a check here (video) pass. */
export async function fileOpens(bytes: Uint8Array, mime: string): Promise<boolean> {
  if (mime === "application/pdf") return pdfOpens(bytes);
  if (mime.startsWith("image/")) return imageOpens(bytes);
  if (mime.startsWith("application/vnd.openxmlformats-officedocument.")) return officeOpens(bytes);
  return true;
}

/** Refuses a file that does not open, as a field error naming what it should have been. */
export async function requireFileOpens(bytes: Uint8Array, mime: string, field: string, kind: string): Promise<void> {
  if (!(await fileOpens(bytes, mime)))
    throw new AppError("validation-failed", { fields: [{ field, code: "file-unreadable", params: { kind } }] });
}
