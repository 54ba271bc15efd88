import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { loadMeeting } from "./meeting-record.ts";

/** Removes the meeting with its attendees and decisions. */
export async function deleteMeeting(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    await trx.deleteFrom("meetings").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "meeting.delete",
      entityType: "meeting",
      entityId: id,
      before,
    });
  });
}
