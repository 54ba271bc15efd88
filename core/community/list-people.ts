import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireSignedIn } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import { isRegistryAdmin, memberOrganisationIds } from "./access.ts";
import { prefectures, qualificationKinds, sectors } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
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
  const query = parseInput(
    personListQuery,
    Object.fromEntries(Object.entries(input as object).filter(([, v]) => v !== "")),
  );
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
    base = base.where((eb) =>
      eb.or([
        eb(
          "id",
          "in",
          eb
            .selectFrom("group_memberships")
            .select("person_id")
            .where("group_id", "=", groupId)
            .where("person_id", "is not", null) as any,
        ),
        eb(
          "organisation_id",
          "in",
          eb
            .selectFrom("group_memberships")
            .select("organisation_id")
            .where("group_id", "=", groupId)
            .where("organisation_id", "is not", null) as any,
        ),
      ]),
    );
  }
  if (query.qualification) {
    const kind = query.qualification;
    base = base.where("id", "in", (eb) => eb.selectFrom("qualifications").select("person_id").where("kind", "=", kind));
  }
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  let rows = base.selectAll();
  rows =
    query.sort === "updated"
      ? rows.orderBy("updated_at", "desc")
      : rows.orderBy("family_reading").orderBy("given_reading");
  const page = await rows.orderBy("id").limit(query.limit).offset(query.offset).execute();
  return { items: await loadPeople(deps.db, actor, page), total: Number(total) };
}
