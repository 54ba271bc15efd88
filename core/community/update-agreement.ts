import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import { agreementColumns, agreementPatch, partyRows } from "./agreement-input.ts";
import { loadAgreement, recordAgreementHistory, type AgreementRecord } from "./agreement-record.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { searchTextOf } from "./normalise-search.ts";

/** Changes the agreement; its history notes which fields changed, from what to what. */
export async function updateAgreement(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<AgreementRecord> {
  requireSecretariat(actor);
  const patch = parseInput(agreementPatch, blanksToNull(input));
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const before = await loadAgreement(trx, id);
    await requireExisting(trx, "organisations", patch.parties?.map((p) => p.organisationId) ?? [], "parties");
    const columns = agreementColumns(patch);
    const title = patch.title ?? before.title;
    const purpose = patch.purpose === undefined ? before.purpose : patch.purpose;
    await trx
      .updateTable("agreements")
      .set({ ...columns, search_text: searchTextOf([title, purpose]), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
    await replaceChildren(trx, now, "agreement_parties", id, partyRows(patch));
    const after = await loadAgreement(trx, id);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ["title", "purpose", "signedOn", "status", "endedOn", "notes"] as const) {
      if (before[key] !== after[key]) changed[key] = { from: before[key], to: after[key] };
    }
    const partiesOf = (r: AgreementRecord) =>
      r.parties.map((p) => `${p.organisationName}${p.signatoryTitle ? `（${p.signatoryTitle}）` : ""}`);
    if (JSON.stringify(partiesOf(before)) !== JSON.stringify(partiesOf(after)))
      changed.parties = { from: partiesOf(before), to: partiesOf(after) };
    if (Object.keys(changed).length) await recordAgreementHistory(trx, deps.clock, actor, id, "updated", changed);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "agreement.update",
      entityType: "agreement",
      entityId: id,
      before,
      after,
    });
    return loadAgreement(trx, id);
  });
}
