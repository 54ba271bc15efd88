import { z } from "zod";
import type { Actor } from "../accounts/actor.ts";
import { meetingGroupScope } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { listQueryFields, type Page } from "./fields.ts";
import { childCount, pageOf, parseListQuery } from "../shared/list-page.ts";
import { toInstant } from "./meeting-input.ts";
import { normaliseSearch, searchTextContains } from "./normalise-search.ts";

export const meetingListQuery = z
  .object({
    ...listQueryFields,
    groupId: z.string().max(40).optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    order: z.enum(["newest", "oldest"]).default("newest"),
  })
  .meta({ id: "MeetingListQuery" });

export const meetingSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    startsAt: z.string(),
    groupName: z.string().nullable(),
    place: z.string().nullable(),
    onlineTool: z.string().nullable(),
    openDecisions: z.number(),
  })
  .meta({ id: "MeetingSummary" });
export type MeetingSummary = z.infer<typeof meetingSummary>;

/**
 * Meetings by title, agenda or decision text, group and date range (Japan dates, inclusive): all
 * of them for the secretariat, a group lead's own groups' for a lead.
 */
export async function listMeetings(deps: CommunityDeps, actor: Actor, input: unknown): Promise<Page<MeetingSummary>> {
  const scope = meetingGroupScope(actor);
  const query = parseListQuery(meetingListQuery, input);
  let base = deps.db.selectFrom("meetings").leftJoin("groups", "groups.id", "meetings.group_id");
  if (scope) base = base.where("meetings.group_id", "in", scope);
  const needle = query.q ? normaliseSearch(query.q) : "";
  if (needle) base = base.where(searchTextContains("meetings.search_text", needle));
  if (query.groupId) base = base.where("meetings.group_id", "=", query.groupId);
  if (query.from) base = base.where("meetings.starts_at", ">=", toInstant(`${query.from}T00:00`));
  if (query.to)
    base = base.where(
      "meetings.starts_at",
      "<",
      new Date(new Date(toInstant(`${query.to}T00:00`)).getTime() + 86_400_000).toISOString(),
    );
  const direction = query.order === "newest" ? "desc" : "asc";
  return pageOf(
    base,
    query,
    (page) =>
      page
        .select((eb) => [
          "meetings.id",
          "meetings.title",
          "meetings.starts_at",
          "groups.name as group_name",
          "meetings.place",
          "meetings.online_tool",
          childCount(
            eb
              .selectFrom("decisions")
              .whereRef("decisions.meeting_id", "=", "meetings.id")
              .where("decisions.status", "=", "open"),
            "open",
          ),
        ])
        .orderBy("meetings.starts_at", direction)
        .orderBy("meetings.id", direction),
    (rows) =>
      rows.map((r) => ({
        id: r.id,
        title: r.title,
        startsAt: r.starts_at,
        groupName: r.group_name,
        place: r.place,
        onlineTool: r.online_tool,
        openDecisions: Number(r.open ?? 0),
      })),
  );
}
