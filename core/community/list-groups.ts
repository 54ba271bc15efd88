import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireSignedIn } from "../accounts/actor.ts";
import { groupKinds } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { childCount, pageOf, parseListQuery } from "../shared/list-page.ts";
import { readableGroupIds } from "./group-record.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";

export const groupListQuery = z
  .object({ ...listQueryFields, kind: z.enum(groupKinds).optional(), organisationId: z.string().max(40).optional() })
  .meta({ id: "GroupListQuery" });

export const groupSummary = z
  .object({
    id: z.string(),
    kind: z.string(),
    name: z.string(),
    reading: z.string(),
    hostOrganisationName: z.string().nullable(),
    foundedOn: z.string().nullable(),
    members: z.number(),
    vacantOfficers: z.number(),
  })
  .meta({ id: "GroupSummary" });
export type GroupSummary = z.infer<typeof groupSummary>;

/** The groups the caller may read, by name or reading, kind, or a member organisation. */
export async function listGroups(deps: CommunityDeps, actor: Actor, input: unknown): Promise<Page<GroupSummary>> {
  requireSignedIn(actor);
  const query = parseListQuery(groupListQuery, input);
  const readable = await readableGroupIds(deps.db, actor);
  if (readable && readable.length === 0) return { items: [], total: 0 };
  let base = deps.db.selectFrom("groups").leftJoin("organisations", "organisations.id", "groups.host_organisation_id");
  if (readable) base = base.where("groups.id", "in", readable);
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) base = base.where(searchTextContains("groups.search_text", needle));
  if (query.kind) base = base.where("groups.kind", "=", query.kind);
  if (query.organisationId) {
    const organisationId = query.organisationId;
    base = base.where("groups.id", "in", (eb) =>
      eb.selectFrom("group_memberships").select("group_id").where("organisation_id", "=", organisationId),
    );
  }
  return pageOf(
    base,
    query,
    (page) =>
      page
        .select((eb) => [
          "groups.id",
          "groups.kind",
          "groups.name",
          "groups.reading",
          "groups.founded_on",
          "organisations.name as host_name",
          childCount(
            eb.selectFrom("group_memberships").whereRef("group_memberships.group_id", "=", "groups.id"),
            "members",
          ),
          childCount(
            eb
              .selectFrom("group_officers")
              .whereRef("group_officers.group_id", "=", "groups.id")
              .where("group_officers.person_id", "is", null)
              .where("group_officers.organisation_id", "is", null),
            "vacant",
          ),
        ])
        .orderBy("groups.reading")
        .orderBy("groups.id"),
    (rows) =>
      rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        reading: r.reading,
        hostOrganisationName: r.host_name,
        foundedOn: r.founded_on,
        members: Number(r.members ?? 0),
        vacantOfficers: Number(r.vacant ?? 0),
      })),
  );
}
