import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { loadGroup } from "./group-record.ts";

/** Removes the group with its members and officers; its meetings and activities stay, unlinked. */
export async function deleteGroup(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadGroup(trx, actor, id);
    await trx.updateTable("meetings").set({ group_id: null }).where("group_id", "=", id).execute();
    await trx.updateTable("activities").set({ group_id: null }).where("group_id", "=", id).execute();
    await trx.deleteFrom("groups").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "group.delete",
      entityType: "group",
      entityId: id,
      before,
    });
  });
}
