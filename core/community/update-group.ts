import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { replaceGroupChildren, requireGroupReferences } from "./group-children.ts";
import { blanksToNull } from "./fields.ts";
import { groupChildRows, groupColumns, groupPatch } from "./group-input.ts";
import { loadGroup, type GroupRecord } from "./group-record.ts";
import { searchTextOf } from "./normalise-search.ts";

export async function updateGroup(deps: CommunityDeps, actor: Actor, id: string, input: unknown): Promise<GroupRecord> {
  requireSecretariat(actor);
  const patch = parseInput(groupPatch, blanksToNull(input));
  const now = deps.clock.now();
  const children = groupChildRows(patch);
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadGroup(trx, actor, id);
    await requireGroupReferences(trx, children);
    const merged = {
      name: patch.name ?? before.name,
      reading: patch.reading === undefined ? before.reading : patch.reading,
      description: patch.description === undefined ? before.description : patch.description,
    };
    await trx
      .updateTable("groups")
      .set({
        ...groupColumns(patch),
        search_text: searchTextOf([merged.name, merged.reading, merged.description]),
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await replaceGroupChildren(trx, now, id, children);
    const after = await loadGroup(trx, actor, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "group.update",
      entityType: "group",
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
