import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";

/**
 * Removes an organisation. Its people stay in the registry without an organisation; its group
 * memberships and agreement parties go with it (merge instead when it is a duplicate).
 */
export async function deleteOrganisation(deps: CommunityDeps, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const before = await findOrganisationRow(trx, id);
    await trx.updateTable("people").set({ organisation_id: null }).where("organisation_id", "=", id).execute();
    await trx.updateTable("organisations").set({ merged_into_id: null }).where("merged_into_id", "=", id).execute();
    await trx.deleteFrom("organisations").where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.delete",
      entityType: "organisation",
      entityId: id,
      before,
    });
  });
}
