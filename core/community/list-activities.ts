import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { requireSecretariat } from "./access.ts";
import { activityKinds } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { childCount, pageOf, parseListQuery } from "../shared/list-page.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";

export const activityListQuery = z
  .object({
    ...listQueryFields,
    kind: z.enum(activityKinds).optional(),
    groupId: z.string().max(40).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
  })
  .meta({ id: "ActivityListQuery" });
export const activitySummary = z
  .object({
    id: z.string(),
    heldOn: z.string(),
    kind: z.string(),
    title: z.string(),
    organiser: z.string().nullable(),
    groupName: z.string().nullable(),
    talks: z.number(),
  })
  .meta({ id: "ActivitySummary" });
export type ActivitySummary = z.infer<typeof activitySummary>;

/** The activity log, newest first; searchable by title, organiser, talk titles and speakers. */
export async function listActivities(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<Page<ActivitySummary>> {
  requireSecretariat(actor);
  const query = parseListQuery(activityListQuery, input);
  let base = deps.db.selectFrom("activities").leftJoin("groups", "groups.id", "activities.group_id");
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) base = base.where(searchTextContains("activities.search_text", needle));
  if (query.kind) base = base.where("activities.kind", "=", query.kind);
  if (query.groupId) base = base.where("activities.group_id", "=", query.groupId);
  if (query.from) base = base.where("activities.held_on", ">=", query.from);
  if (query.to) base = base.where("activities.held_on", "<=", query.to);
  return pageOf(
    base,
    query,
    (page) =>
      page
        .select((eb) => [
          "activities.id",
          "activities.held_on",
          "activities.kind",
          "activities.title",
          "activities.organiser",
          "groups.name as group_name",
          childCount(
            eb.selectFrom("activity_talks").whereRef("activity_talks.activity_id", "=", "activities.id"),
            "talks",
          ),
        ])
        .orderBy("activities.held_on", "desc")
        .orderBy("activities.id", "desc"),
    (rows) =>
      rows.map((r) => ({
        id: r.id,
        heldOn: r.held_on,
        kind: r.kind,
        title: r.title,
        organiser: r.organiser,
        groupName: r.group_name,
        talks: Number(r.talks ?? 0),
      })),
  );
}
