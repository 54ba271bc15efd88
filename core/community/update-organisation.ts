import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { isRegistryAdmin, requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import {
  checkCorporateNumberFree,
  organisationColumns,
  organisationPatch,
  organisationSearchText,
} from "./organisation-input.ts";
import { fullOrganisation, type OrganisationRecord } from "./organisation-record.ts";

/**
 * The secretariat edits any organisation; a member contact edits their own. Membership is the
 * secretariat's decision, so a member contact cannot change it.
 */
export async function updateOrganisation(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<OrganisationRecord> {
  requireOrganisationEditor(actor, id);
  const patch = parseInput(organisationPatch, blanksToNull(input));
  return deps.db.transaction().execute(async (trx) => {
    const before = await findOrganisationRow(trx, id);
    await checkCorporateNumberFree(trx, patch.corporateNumber, id);
    const columns = organisationColumns(patch);
    if (!isRegistryAdmin(actor)) {
      delete columns.membership;
      delete columns.membership_type;
      delete columns.member_since;
    }
    const merged = { ...before, ...columns } as typeof before;
    await trx
      .updateTable("organisations")
      .set({ ...columns, search_text: organisationSearchText(merged), updated_at: deps.clock.now().toISOString() })
      .where("id", "=", id)
      .execute();
    const after = await findOrganisationRow(trx, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.update",
      entityType: "organisation",
      entityId: id,
      before,
      after,
    });
    return fullOrganisation(after);
  });
}
