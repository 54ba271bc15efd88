import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireSecretariat } from "./access.ts";
import { loadActivity } from "./activity-record.ts";
import type { CommunityDeps } from "./deps.ts";

export async function deleteActivity(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadActivity(trx, id);
    await trx.deleteFrom("activities").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "activity.delete",
      entityType: "activity",
      entityId: id,
      before,
    });
  });
}
