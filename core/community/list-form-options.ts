import type { Actor } from "../accounts/actor.ts";
import { requireSignedIn } from "../accounts/actor.ts";
import { isRegistryAdmin, memberOrganisationIds } from "./access.ts";
import { personName } from "./children.ts";
import type { CommunityDeps } from "./deps.ts";

export interface FormOptions {
  organisations: { id: string; name: string }[];
  people: { id: string; name: string; organisationName: string | null }[];
  groups: { id: string; name: string }[];
}

/**
 * The choices of the registry's forms (organisations, people, groups), as the actor may see
 * them: everything for the secretariat, one's own organisation and its people for a member contact.
 */
export async function listFormOptions(deps: CommunityDeps, actor: Actor): Promise<FormOptions> {
  requireSignedIn(actor);
  const admin = isRegistryAdmin(actor);
  const own = memberOrganisationIds(actor);
  if (!admin && own.length === 0) return { organisations: [], people: [], groups: [] };
  let organisations = deps.db.selectFrom("organisations").select(["id", "name"]).where("merged_into_id", "is", null);
  if (!admin) organisations = organisations.where("id", "in", own);
  let people = deps.db
    .selectFrom("people")
    .leftJoin("organisations", "organisations.id", "people.organisation_id")
    .select(["people.id", "people.family_name", "people.given_name", "organisations.name as organisation_name"]);
  if (!admin) people = people.where("people.organisation_id", "in", own);
  const [orgRows, personRows, groupRows] = await Promise.all([
    organisations.orderBy("reading").orderBy("name").execute(),
    people.orderBy("people.family_reading").orderBy("people.given_reading").execute(),
    admin ? deps.db.selectFrom("groups").select(["id", "name"]).orderBy("reading").execute() : Promise.resolve([]),
  ]);
  return {
    organisations: orgRows,
    people: personRows.map((p) => ({ id: p.id, name: personName(p), organisationName: p.organisation_name })),
    groups: groupRows,
  };
}
