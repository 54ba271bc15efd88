import type { Actor } from "../accounts/actor.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { findPersonRow } from "./find-person-row.ts";
import { loadPeople, type PersonRecord } from "./person-record.ts";

/** A person is seen only by those who may edit their organisation (people have no public fields). */
export async function getPerson(deps: CommunityDeps, actor: Actor, id: string): Promise<PersonRecord> {
  const row = await findPersonRow(deps.db, id);
  requireOrganisationEditor(actor, row.organisation_id);
  const [record] = await loadPeople(deps.db, actor, [row]);
  return record!;
}
