import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireSignedIn } from "../accounts/actor.ts";
import { isRegistryAdmin, memberOrganisationIds } from "./access.ts";
import { prefectures, qualificationKinds, sectors } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { pageOf, parseListQuery } from "../shared/list-page.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";
import { loadPeople, type PersonRecord } from "./person-record.ts";

export const personListQuery = z
  .object({
    ...listQueryFields,
    organisationId: z.string().max(40).optional(),
    sector: z.enum(sectors).optional(),
    prefecture: z.enum(prefectures).optional(),
    groupId: z.string().max(40).optional(),
    qualification: z.enum(qualificationKinds).optional(),
    sort: z.enum(["reading", "updated"]).default("reading"),
  })
  .meta({ id: "PersonListQuery" });

/**
 * People by name, reading, e-mail, department or title. The secretariat lists everyone; a member
 * contact lists only the people of their own organisation(s); anyone else gets an empty list.
 */
export async function listPeople(deps: CommunityDeps, actor: Actor, input: unknown): Promise<Page<PersonRecord>> {
  requireSignedIn(actor);
  const query = parseListQuery(personListQuery, input);
  let base = deps.db.selectFrom("people");
  if (!isRegistryAdmin(actor)) {
    const own = memberOrganisationIds(actor);
    if (own.length === 0) return { items: [], total: 0 };
    base = base.where("organisation_id", "in", own);
  }
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) base = base.where(searchTextContains("search_text", needle));
  if (query.organisationId) base = base.where("organisation_id", "=", query.organisationId);
  if (query.sector || query.prefecture) {
    const { sector, prefecture } = query;
    base = base.where("organisation_id", "in", (eb) => {
      let orgs = eb.selectFrom("organisations").select("id");
      if (sector) orgs = orgs.where("sector", "=", sector);
      if (prefecture) orgs = orgs.where("prefecture", "=", prefecture);
      return orgs;
    });
  }
  if (query.groupId) {
    const groupId = query.groupId;
    // In the group as a member themself, or through their organisation's membership.
    base = base.where((eb) => {
      const members = (column: "person_id" | "organisation_id") =>
        eb
          .selectFrom("group_memberships")
          .select(column)
          .where("group_id", "=", groupId)
          .where(column, "is not", null) as any;
      return eb.or([eb("id", "in", members("person_id")), eb("organisation_id", "in", members("organisation_id"))]);
    });
  }
  if (query.qualification) {
    const kind = query.qualification;
    base = base.where("id", "in", (eb) => eb.selectFrom("qualifications").select("person_id").where("kind", "=", kind));
  }
  return pageOf(
    base,
    query,
    (page) =>
      (query.sort === "updated"
        ? page.selectAll().orderBy("updated_at", "desc")
        : page.selectAll().orderBy("family_reading").orderBy("given_reading")
      ).orderBy("id"),
    (rows) => loadPeople(deps.db, actor, rows),
  );
}
