import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { organisationColumns, organisationInput, organisationSearchText } from "./organisation-input.ts";
import { fullOrganisation, type OrganisationRecord } from "./organisation-record.ts";

/** Only the secretariat adds organisations to the registry. */
export async function createOrganisation(deps: CommunityDeps, actor: Actor, input: unknown): Promise<OrganisationRecord> {
  requireSecretariat(actor);
  const parsed = parseInput(organisationInput, blanksToNull(input));
  const now = deps.clock.now().toISOString();
  const columns = organisationColumns(parsed);
  const row = {
    id: newId(deps.clock.now().getTime()),
    name: parsed.name,
    reading: parsed.reading ?? "",
    sector: parsed.sector,
    prefecture: null, industry: null, size_band: null, membership_type: null, member_since: null, website: null, address: null, notes: null,
    ...columns,
    membership: parsed.membership ?? "none",
    search_text: organisationSearchText({ name: parsed.name, reading: parsed.reading ?? "", address: parsed.address, website: parsed.website }),
    merged_into_id: null,
    created_at: now,
    updated_at: now,
  } as const;
  return deps.db.transaction().execute(async (trx) => {
    await trx.insertInto("organisations").values(row as any).execute();
    const created = await trx.selectFrom("organisations").selectAll().where("id", "=", row.id).executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, { action: "organisation.create", entityType: "organisation", entityId: row.id, after: created });
    return fullOrganisation(created);
  });
}
