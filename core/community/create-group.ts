import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { replaceGroupChildren, requireGroupReferences } from "./group-children.ts";
import { blanksToNull } from "./fields.ts";
import { groupChildRows, groupColumns, groupInput } from "./group-input.ts";
import { loadGroup, type GroupRecord } from "./group-record.ts";
import { searchTextOf } from "./normalise-search.ts";

export async function createGroup(deps: CommunityDeps, actor: Actor, input: unknown): Promise<GroupRecord> {
  requireSecretariat(actor);
  const parsed = parseInput(groupInput, blanksToNull(input));
  const now = deps.clock.now();
  const id = newId(now.getTime());
  const children = groupChildRows(parsed);
  return deps.db.transaction().execute(async (trx) => {
    await requireGroupReferences(trx, children);
    await trx
      .insertInto("groups")
      .values({
        id,
        reading: "",
        host_organisation_id: null,
        description: null,
        founded_on: null,
        ...groupColumns(parsed),
        kind: parsed.kind,
        name: parsed.name,
        search_text: searchTextOf([parsed.name, parsed.reading, parsed.description]),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await replaceGroupChildren(trx, now, id, children);
    const record = await loadGroup(trx, actor, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "group.create",
      entityType: "group",
      entityId: id,
      after: record,
    });
    return record;
  });
}
