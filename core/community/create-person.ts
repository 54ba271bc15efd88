import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { findPersonRow } from "./find-person-row.ts";
import { insertPersonRow, personInput } from "./person-input.ts";
import { loadPeople, type PersonRecord } from "./person-record.ts";

/** The secretariat adds anyone; a member contact adds people to their own organisation only. */
export async function createPerson(deps: CommunityDeps, actor: Actor, input: unknown): Promise<PersonRecord> {
  const parsed = parseInput(personInput, blanksToNull(input));
  requireOrganisationEditor(actor, parsed.organisationId ?? null);
  return deps.db.transaction().execute(async (trx) => {
    if (parsed.organisationId)
      await findOrganisationRow(trx, parsed.organisationId).catch(() => {
        throw new AppError("validation-failed", {
          fields: [{ field: "organisationId", code: "community-unknown-organisation" }],
        });
      });
    const id = await insertPersonRow(trx, deps.clock.now(), parsed);
    const created = await findPersonRow(trx, id);
    const [record] = await loadPeople(trx, actor, [created]);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "person.create",
      entityType: "person",
      entityId: id,
      after: record,
    });
    return record!;
  });
}
