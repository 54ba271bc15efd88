import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import { agreementColumns, agreementInput, partyRows } from "./agreement-input.ts";
import { loadAgreement, recordAgreementHistory, type AgreementRecord } from "./agreement-record.ts";
import { replaceChildren, requireExisting } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { searchTextOf } from "./normalise-search.ts";

export async function createAgreement(deps: CommunityDeps, actor: Actor, input: unknown): Promise<AgreementRecord> {
  requireSecretariat(actor);
  const parsed = parseInput(agreementInput, blanksToNull(input));
  const now = deps.clock.now();
  const id = newId(now.getTime());
  return deps.db.transaction().execute(async (trx) => {
    await requireExisting(trx, "organisations", parsed.parties?.map((p) => p.organisationId) ?? [], "parties");
    await trx
      .insertInto("agreements")
      .values({
        id,
        purpose: null,
        signed_on: null,
        ended_on: null,
        notes: null,
        ...agreementColumns(parsed),
        title: parsed.title,
        status: parsed.status ?? "in-force",
        search_text: searchTextOf([parsed.title, parsed.purpose]),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await replaceChildren(trx, now, "agreement_parties", id, partyRows(parsed));
    await recordAgreementHistory(trx, deps.clock, actor, id, "created", {
      title: parsed.title,
      parties: parsed.parties?.length ?? 0,
    });
    const record = await loadAgreement(trx, id);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "agreement.create",
      entityType: "agreement",
      entityId: id,
      after: record,
    });
    return record;
  });
}
