import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { AppError } from "../shared/errors.ts";
import { canRunMeetingsOf, meetingGroupScope, requireMeetingGroup, requireRecordedPeople } from "./access.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { attendeeRows, meetingColumns, meetingPatch } from "./meeting-input.ts";
import { loadMeeting, meetingReferences, saveDecisions, type MeetingRecord } from "./meeting-record.ts";
import { searchTextOf } from "./normalise-search.ts";

/** Changes a meeting: the secretariat any, a group lead their own group's (and keeps it there). */
export async function updateMeeting(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<MeetingRecord> {
  meetingGroupScope(actor);
  const patch = parseInput(meetingPatch, blanksToNull(input));
  const now = deps.clock.now();
  const refs = meetingReferences(patch);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadMeeting(trx, id);
    if (!canRunMeetingsOf(actor, before.groupId)) throw new AppError("forbidden");
    if (patch.groupId !== undefined) requireMeetingGroup(actor, patch.groupId);
    requireRecordedPeople(
      actor,
      refs.people,
      before.attendees.map((a) => a.personId),
    );
    await requireExisting(trx, "groups", refs.groups, "groupId");
    await requireExisting(trx, "organisations", refs.organisations, "attendees");
    await requireExisting(trx, "people", refs.people, "attendees");
    await trx
      .updateTable("meetings")
      .set({ ...meetingColumns(patch), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await replaceChildren(trx, now, "meeting_attendees", id, attendeeRows(patch));
    await saveDecisions(trx, now, id, patch.decisions);
    const after = await loadMeeting(trx, id);
    await trx
      .updateTable("meetings")
      .set({ search_text: searchTextOf([after.title, after.agenda, ...after.decisions.map((d) => d.text)]) })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "meeting.update",
      entityType: "meeting",
      entityId: id,
      before,
      after,
    });
    return loadMeeting(trx, id, actor);
  });
}
