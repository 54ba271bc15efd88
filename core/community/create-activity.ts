import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import { activityColumns, activityInput, talkRows } from "./activity-input.ts";
import { activitySearchText, loadActivity, type ActivityRecord } from "./activity-record.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { attendeeRows } from "./meeting-input.ts";

/** An entry of the activity log (実績): something the community held or attended. */
export async function createActivity(deps: CommunityDeps, actor: Actor, input: unknown): Promise<ActivityRecord> {
  requireSecretariat(actor);
  const parsed = parseInput(activityInput, blanksToNull(input));
  const now = deps.clock.now();
  const id = newId(now.getTime());
  return deps.db.transaction().execute(async (trx) => {
    await requireExisting(trx, "groups", [parsed.groupId], "groupId");
    await requireExisting(
      trx,
      "organisations",
      (parsed.attendees ?? []).map((a) => a.organisationId),
      "attendees",
    );
    await requireExisting(
      trx,
      "people",
      (parsed.attendees ?? []).map((a) => a.personId),
      "attendees",
    );
    await trx
      .insertInto("activities")
      .values({
        id,
        organiser: null,
        description: null,
        group_id: null,
        url: null,
        ...activityColumns(parsed),
        held_on: parsed.heldOn,
        kind: parsed.kind,
        title: parsed.title,
        search_text: activitySearchText({
          title: parsed.title,
          organiser: parsed.organiser ?? null,
          description: parsed.description ?? null,
          talks: (parsed.talks ?? []).map((t) => ({
            title: t.title,
            speaker: t.speaker ?? null,
            affiliation: t.affiliation ?? null,
          })),
        }),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await replaceChildren(trx, now, "activity_talks", id, talkRows(parsed));
    await replaceChildren(trx, now, "activity_attendees", id, attendeeRows(parsed));
    const record = await loadActivity(trx, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "activity.create",
      entityType: "activity",
      entityId: id,
      after: record,
    });
    return record;
  });
}
