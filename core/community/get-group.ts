import type { Actor } from "../accounts/actor.ts";
import { requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { CommunityDeps } from "./deps.ts";
import { loadGroup, readableGroupIds, type GroupRecord } from "./group-record.ts";

export async function getGroup(deps: CommunityDeps, actor: Actor, id: string): Promise<GroupRecord> {
  requireSignedIn(actor);
  const readable = await readableGroupIds(deps.db, actor);
  if (readable && !readable.includes(id)) throw new AppError("forbidden");
  return loadGroup(deps.db, actor, id);
}
