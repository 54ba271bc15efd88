import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireRegistryReader } from "./access.ts";
import { memberships, prefectures, sectors } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { pageOf, parseListQuery } from "../shared/list-page.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";
import { organisationFor, type OrganisationRecord } from "./organisation-record.ts";

export const organisationListQuery = z
  .object({
    ...listQueryFields,
    sector: z.enum(sectors).optional(),
    prefecture: z.enum(prefectures).optional(),
    membership: z.enum(memberships).optional(),
    groupId: z.string().max(40).optional(),
    sort: z.enum(["reading", "name", "updated"]).default("reading"),
  })
  .meta({ id: "OrganisationListQuery" });

/**
 * Searches by name, reading, address or website (normalised: kana, width and case folded);
 * merged records are left out. Every signed-in caller may list; what each item shows depends on
 * the caller (organisation-record.ts).
 */
export async function listOrganisations(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<Page<OrganisationRecord>> {
  requireRegistryReader(actor);
  const query = parseListQuery(organisationListQuery, input);
  let base = deps.db.selectFrom("organisations").where("merged_into_id", "is", null);
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) base = base.where(searchTextContains("search_text", needle));
  if (query.sector) base = base.where("sector", "=", query.sector);
  if (query.prefecture) base = base.where("prefecture", "=", query.prefecture);
  if (query.membership) base = base.where("membership", "=", query.membership);
  if (query.groupId) {
    const groupId = query.groupId;
    base = base.where(
      "id",
      "in",
      (eb) =>
        eb
          .selectFrom("group_memberships")
          .select("organisation_id")
          .where("group_id", "=", groupId)
          .where("organisation_id", "is not", null) as any,
    );
  }
  const orderColumn = query.sort === "updated" ? "updated_at" : query.sort;
  return pageOf(
    base,
    query,
    (page) =>
      page
        .selectAll()
        .orderBy(orderColumn, query.sort === "updated" ? "desc" : "asc")
        .orderBy("id"),
    (rows) => rows.map((row) => organisationFor(actor, row)),
  );
}
