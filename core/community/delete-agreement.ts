import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireSecretariat } from "./access.ts";
import { loadAgreement } from "./agreement-record.ts";
import { deletePrefix } from "../storage/port.ts";
import { agreementFolder } from "./agreement-files.ts";
import type { CommunityDeps } from "./deps.ts";

/** Removes the agreement with its parties, history and attachments (files after the commit). */
export async function deleteAgreement(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadAgreement(trx, id);
    await trx.deleteFrom("agreements").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "agreement.delete",
      entityType: "agreement",
      entityId: id,
      before,
    });
  });
  await deletePrefix(deps.storage, agreementFolder(id));
}
