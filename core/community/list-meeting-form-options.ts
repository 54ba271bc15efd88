import type { Actor } from "../accounts/actor.ts";
import { meetingGroupScope } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { listFormOptions, type FormOptions } from "./list-form-options.ts";

/**
 * The choices of the meeting form. The secretariat gets the registry's (any group, or none); a
 * group lead chooses among the groups they lead, and names attendees and decision owners by
 * organisation, whose names every signed-in reader may see — people are not offered, since a
 * lead reads no one's personal record.
 */
export async function listMeetingFormOptions(
  deps: CommunityDeps,
  actor: Actor,
): Promise<FormOptions & { groupRequired: boolean }> {
  const scope = meetingGroupScope(actor);
  if (scope === null) return { ...(await listFormOptions(deps, actor)), groupRequired: false };
  const [organisations, groups] = await Promise.all([
    deps.db
      .selectFrom("organisations")
      .select(["id", "name"])
      .where("merged_into_id", "is", null)
      .orderBy("reading")
      .orderBy("name")
      .execute(),
    deps.db.selectFrom("groups").select(["id", "name"]).where("id", "in", scope).orderBy("reading").execute(),
  ]);
  return { organisations, people: [], groups, groupRequired: true };
}
