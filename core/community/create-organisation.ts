import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { checkCorporateNumberFree, insertOrganisationRow, organisationInput } from "./organisation-input.ts";
import { fullOrganisation, type OrganisationRecord } from "./organisation-record.ts";

/** Only the secretariat adds organisations to the registry. */
export async function createOrganisation(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<OrganisationRecord> {
  requireSecretariat(actor);
  const parsed = parseInput(organisationInput, blanksToNull(input));
  return deps.db.transaction().execute(async (trx) => {
    await checkCorporateNumberFree(trx, parsed.corporateNumber, null);
    const id = await insertOrganisationRow(trx, deps.clock.now(), parsed);
    const created = await findOrganisationRow(trx, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.create",
      entityType: "organisation",
      entityId: id,
      after: created,
    });
    return fullOrganisation(created);
  });
}
