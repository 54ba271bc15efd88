import path from "node:path";

/** Where an agreement's signed documents are kept: `<dataDir>/uploads/agreements/<agreementId>/`. */
export function agreementUploadDir(dataDir: string, agreementId: string): string {
  return path.join(dataDir, "uploads", "agreements", agreementId);
}

/** Types a signed agreement may be, decided from the file's bytes, never from its name or the browser. */
export const allowedAttachmentTypes = new Map([
  ["application/pdf", "pdf"],
  ["image/png", "png"],
  ["image/jpeg", "jpg"],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
]);
export const maxAttachmentBytes = 20 * 1024 * 1024;
