import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { canRunMeetingsOf, meetingGroupScope } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { loadMeeting, type MeetingRecord } from "./meeting-record.ts";

/** A meeting with its minutes and decisions: the secretariat's, and a group lead's for their own group. */
export async function getMeeting(deps: CommunityDeps, actor: Actor, id: string): Promise<MeetingRecord> {
  meetingGroupScope(actor);
  const meeting = await loadMeeting(deps.db, id, actor);
  if (!canRunMeetingsOf(actor, meeting.groupId)) throw new AppError("forbidden");
  return meeting;
}
