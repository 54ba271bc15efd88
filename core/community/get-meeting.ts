import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { loadMeeting, type MeetingRecord } from "./meeting-record.ts";

/** Meetings, their minutes and decisions are the secretariat's records. */
export async function getMeeting(deps: CommunityDeps, actor: Actor, id: string): Promise<MeetingRecord> {
  requireSecretariat(actor);
  return loadMeeting(deps.db, id);
}
