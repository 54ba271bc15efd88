import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import { activityColumns, activityPatch, talkRows } from "./activity-input.ts";
import { activitySearchText, loadActivity, type ActivityRecord } from "./activity-record.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { attendeeRows } from "./meeting-input.ts";

export async function updateActivity(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<ActivityRecord> {
  requireSecretariat(actor);
  const patch = parseInput(activityPatch, blanksToNull(input));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadActivity(trx, id);
    await requireExisting(trx, "groups", [patch.groupId], "groupId");
    await requireExisting(
      trx,
      "organisations",
      (patch.attendees ?? []).map((a) => a.organisationId),
      "attendees",
    );
    await requireExisting(
      trx,
      "people",
      (patch.attendees ?? []).map((a) => a.personId),
      "attendees",
    );
    await trx
      .updateTable("activities")
      .set({ ...activityColumns(patch), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await replaceChildren(trx, now, "activity_talks", id, talkRows(patch));
    await replaceChildren(trx, now, "activity_attendees", id, attendeeRows(patch));
    const after = await loadActivity(trx, id);
    await trx
      .updateTable("activities")
      .set({ search_text: activitySearchText(after) })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "activity.update",
      entityType: "activity",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
