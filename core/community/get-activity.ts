import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import { loadActivity, type ActivityRecord } from "./activity-record.ts";
import type { CommunityDeps } from "./deps.ts";

export async function getActivity(deps: CommunityDeps, actor: Actor, id: string): Promise<ActivityRecord> {
  requireSecretariat(actor);
  return loadActivity(deps.db, id);
}
