import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { meetingGroupScope, requireMeetingGroup, requireRecordedPeople } from "./access.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { attendeeRows, meetingColumns, meetingInput } from "./meeting-input.ts";
import { loadMeeting, meetingReferences, saveDecisions, type MeetingRecord } from "./meeting-record.ts";
import { searchTextOf } from "./normalise-search.ts";

/** Records a meeting: the secretariat for any group or none, a group lead for a group they lead. */
export async function createMeeting(deps: CommunityDeps, actor: Actor, input: unknown): Promise<MeetingRecord> {
  meetingGroupScope(actor);
  const parsed = parseInput(meetingInput, blanksToNull(input));
  requireMeetingGroup(actor, parsed.groupId ?? null);
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const refs = meetingReferences(parsed);
  requireRecordedPeople(actor, refs.people, []);
  return deps.db.transaction().execute(async (trx) => {
    await requireExisting(trx, "groups", refs.groups, "groupId");
    await requireExisting(trx, "organisations", refs.organisations, "attendees");
    await requireExisting(trx, "people", refs.people, "attendees");
    const columns = meetingColumns(parsed);
    await trx
      .insertInto("meetings")
      .values({
        id,
        group_id: null,
        ends_at: null,
        place: null,
        online_tool: null,
        agenda: null,
        minutes_markdown: null,
        ...columns,
        title: parsed.title,
        starts_at: columns.starts_at as string,
        search_text: searchTextOf([parsed.title, parsed.agenda, ...(parsed.decisions ?? []).map((d) => d.text)]),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await replaceChildren(trx, now, "meeting_attendees", id, attendeeRows(parsed));
    await saveDecisions(trx, now, id, parsed.decisions);
    const record = await loadMeeting(trx, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "meeting.create",
      entityType: "meeting",
      entityId: id,
      after: record,
    });
    return loadMeeting(trx, id, actor);
  });
}
