import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { findPersonRow } from "./find-person-row.ts";
import { personColumns, personPatch, personSearchText, replacePersonExtras } from "./person-input.ts";
import { loadPeople, type PersonRecord } from "./person-record.ts";

/** Editors of the person's organisation may edit them, and may move them only to one they edit too. */
export async function updatePerson(
  deps: CommunityDeps,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<PersonRecord> {
  const patch = parseInput(personPatch, blanksToNull(input));
  return deps.db.transaction().execute(async (trx) => {
    const beforeRow = await findPersonRow(trx, id);
    requireOrganisationEditor(actor, beforeRow.organisation_id);
    if (patch.organisationId !== undefined && patch.organisationId !== beforeRow.organisation_id) {
      requireOrganisationEditor(actor, patch.organisationId ?? null);
      if (patch.organisationId)
        await findOrganisationRow(trx, patch.organisationId).catch(() => {
          throw new AppError("validation-failed", {
            fields: [{ field: "organisationId", code: "community-unknown-organisation" }],
          });
        });
    }
    const [before] = await loadPeople(trx, actor, [beforeRow]);
    const columns = personColumns(patch);
    const now = deps.clock.now();
    await trx
      .updateTable("people")
      .set({
        ...columns,
        search_text: personSearchText({ ...beforeRow, ...columns } as typeof beforeRow),
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await replacePersonExtras(trx, now, id, patch);
    const [after] = await loadPeople(trx, actor, [await findPersonRow(trx, id)]);
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "person.update",
      entityType: "person",
      entityId: id,
      before,
      after,
    });
    return after!;
  });
}
