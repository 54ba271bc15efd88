import { checkKey } from "../storage/port.ts";

/**
 * Where an agreement's signed documents are kept in the file storage: `agreements/<agreementId>/`
 * (on the local disk, `<dataDir>/uploads/agreements/<agreementId>/` as before). Rows keep the key
 * without the `agreements/` folder.
 */
export function agreementFolder(agreementId: string): string {
  return `agreements/${checkKey(agreementId)}/`;
}

export function agreementFileKey(storageKey: string): string {
  return `agreements/${checkKey(storageKey)}`;
}

/** Types a signed agreement may be, decided from the file's bytes, never from its name or the browser. */
export const allowedAttachmentTypes = new Map([
  ["application/pdf", "pdf"],
  ["image/png", "png"],
  ["image/jpeg", "jpg"],
  ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"],
]);
export const maxAttachmentBytes = 20 * 1024 * 1024;
