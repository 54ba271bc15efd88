import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { meetingGroupScope } from "./access.ts";
import { decisionStatuses } from "./codes.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { pageOf, parseListQuery } from "../shared/list-page.ts";
import { decisionRecord, toDecisionRecord } from "./meeting-record.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";

export const decisionListQuery = z
  .object({ ...listQueryFields, status: z.enum(decisionStatuses).optional() })
  .meta({ id: "DecisionListQuery" });
export const registerEntry = decisionRecord
  .extend({ meetingTitle: z.string(), meetingStartsAt: z.string() })
  .meta({ id: "DecisionRegisterEntry" });
export type RegisterEntry = z.infer<typeof registerEntry>;

/**
 * The decisions register: every decision of every meeting, open ones by due date first (no due
 * date last), then the rest newest meeting first. A group lead's register holds their own
 * groups' meetings only.
 */
export async function listDecisions(deps: CommunityDeps, actor: Actor, input: unknown): Promise<Page<RegisterEntry>> {
  const scope = meetingGroupScope(actor);
  const query = parseListQuery(decisionListQuery, input);
  let base = deps.db
    .selectFrom("decisions")
    .innerJoin("meetings", "meetings.id", "decisions.meeting_id")
    .leftJoin("organisations", "organisations.id", "decisions.owner_organisation_id");
  if (scope) base = base.where("meetings.group_id", "in", scope);
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle)
    base = base.where((eb) =>
      eb.or([
        searchTextContains("meetings.search_text", needle),
        searchTextContains("organisations.search_text", needle),
      ]),
    );
  if (query.status) base = base.where("decisions.status", "=", query.status);
  return pageOf(
    base,
    query,
    (page) =>
      page
        .selectAll("decisions")
        .select([
          "organisations.name as owner_name",
          "meetings.title as meeting_title",
          "meetings.starts_at as meeting_starts_at",
        ])
        .select((eb) => eb.case().when("decisions.status", "=", "open").then(0).else(1).end().as("closed"))
        .select((eb) => eb.case().when("decisions.due_on", "is", null).then(1).else(0).end().as("undated"))
        .orderBy("closed")
        .orderBy("undated")
        .orderBy("decisions.due_on")
        .orderBy("meetings.starts_at", "desc")
        .orderBy("decisions.position"),
    (rows) =>
      rows.map((r) => ({
        ...toDecisionRecord(r),
        meetingTitle: r.meeting_title,
        meetingStartsAt: r.meeting_starts_at,
      })),
  );
}
