import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findPersonRow } from "./find-person-row.ts";

export async function deletePerson(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await findPersonRow(trx, id);
    requireOrganisationEditor(actor, before.organisation_id);
    await trx.deleteFrom("people").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "person.delete",
      entityType: "person",
      entityId: id,
      before,
    });
  });
}
