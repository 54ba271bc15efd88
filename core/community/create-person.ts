import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { findPersonRow } from "./find-person-row.ts";
import { personColumns, personInput, personSearchText, replacePersonExtras } from "./person-input.ts";
import { loadPeople, type PersonRecord } from "./person-record.ts";

/** The secretariat adds anyone; a member contact adds people to their own organisation only. */
export async function createPerson(deps: CommunityDeps, actor: Actor, input: unknown): Promise<PersonRecord> {
  const parsed = parseInput(personInput, blanksToNull(input));
  requireOrganisationEditor(actor, parsed.organisationId ?? null);
  const now = deps.clock.now();
  const id = newId(now.getTime());
  return deps.db.transaction().execute(async (trx) => {
    if (parsed.organisationId) await findOrganisationRow(trx, parsed.organisationId).catch(() => {
      throw new AppError("validation-failed", { fields: [{ field: "organisationId", code: "community-unknown-organisation" }] });
    });
    const row = {
      id, organisation_id: null, given_name: "", family_reading: "", given_reading: "", department: null, title: null, email: null, phone: null,
      user_id: null, notes: null, ...personColumns(parsed), mail_opt_in: parsed.mailOptIn ? 1 : 0,
      created_at: now.toISOString(), updated_at: now.toISOString(),
    } as any;
    row.search_text = personSearchText(row);
    await trx.insertInto("people").values(row).execute();
    await replacePersonExtras(trx, now, id, parsed);
    const created = await findPersonRow(trx, id);
    const [record] = await loadPeople(trx, actor, [created]);
    await recordAuditEvent(trx, deps.clock, actor, { action: "person.create", entityType: "person", entityId: id, after: record });
    return record!;
  });
}
