import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { readStored } from "../storage/port.ts";
import { requireSecretariat } from "./access.ts";
import { agreementFileKey } from "./agreement-files.ts";
import type { CommunityDeps } from "./deps.ts";

/** A download, authorised on every request and logged (signed agreements are not public). */
export async function readAgreementAttachment(
  deps: CommunityDeps,
  actor: Actor,
  agreementId: string,
  attachmentId: string,
) {
  requireSecretariat(actor);
  const row = await deps.db
    .selectFrom("agreement_attachments")
    .selectAll()
    .where("id", "=", attachmentId)
    .where("agreement_id", "=", agreementId)
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const bytes = await readStored(deps.storage, agreementFileKey(row.storage_key));
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "agreement.download",
    entityType: "agreement",
    entityId: agreementId,
    after: { attachmentId, fileName: row.file_name },
  });
  return { fileName: row.file_name, contentType: row.content_type, bytes };
}
