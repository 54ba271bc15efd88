import path from "node:path";
import { fileTypeFromBuffer } from "file-type";
import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { authorOf } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireFileOpens } from "../shared/check-file-opens.ts";
import { AppError } from "../shared/errors.ts";
import { requireSecretariat } from "./access.ts";
import { agreementFileKey, allowedAttachmentTypes, maxAttachmentBytes } from "./agreement-files.ts";
import { loadAgreement, recordAgreementHistory, type AgreementRecord } from "./agreement-record.ts";
import type { CommunityDeps } from "./deps.ts";

/**
 * Stores the signed document. Its type comes from sniffing the bytes (file-type); the name the
 * browser sent is kept only for display and the download's file name. The file is written
 * before the row, and removed again if the row cannot be written.
 */
export async function addAgreementAttachment(
  deps: CommunityDeps,
  actor: Actor,
  agreementId: string,
  file: { fileName: string; bytes: Uint8Array },
): Promise<AgreementRecord> {
  requireSecretariat(actor);
  if (file.bytes.byteLength === 0)
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
  if (file.bytes.byteLength > maxAttachmentBytes) throw new AppError("payload-too-large");
  const sniffed = await fileTypeFromBuffer(file.bytes);
  const extension = sniffed ? allowedAttachmentTypes.get(sniffed.mime) : undefined;
  if (!sniffed || !extension)
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "community-file-type" }] });
  await requireFileOpens(file.bytes, sniffed.mime, "file", extension.toUpperCase());
  await loadAgreement(deps.db, agreementId);
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const storageKey = `${agreementId}/${id}.${extension}`;
  await deps.storage.put(agreementFileKey(storageKey), file.bytes, {
    contentType: sniffed.mime,
    maxBytes: maxAttachmentBytes,
  });
  const fileName = path.basename(file.fileName.replace(/\\/g, "/")).slice(0, 200) || `agreement.${extension}`;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const row = {
        id,
        agreement_id: agreementId,
        file_name: fileName,
        content_type: sniffed.mime,
        size_bytes: file.bytes.byteLength,
        storage_key: storageKey,
        uploaded_by: authorOf(actor),
        uploaded_at: now.toISOString(),
      };
      await trx.insertInto("agreement_attachments").values(row).execute();
      await recordAgreementHistory(trx, deps.clock, actor, agreementId, "attachment-added", {
        fileName,
        contentType: sniffed.mime,
      });
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "agreement.attach",
        entityType: "agreement",
        entityId: agreementId,
        after: row,
      });
      return loadAgreement(trx, agreementId);
    });
  } catch (error) {
    await deps.storage.delete(agreementFileKey(storageKey));
    throw error;
  }
}
