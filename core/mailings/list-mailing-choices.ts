import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { type Choice, listAudienceChoices } from "../sharing/list-audience-choices.ts";
import { type SharedOrigin, type SharedSource, sharedPostRows } from "../sharing/shared-from-communities.ts";

/** How many recent events, surveys and posts the mailing form offers. */
export const RECENT_CHOICES = 50;

/**
 * What the new-mailing form offers to choose from: people to hand-pick, groups, the latest events
 * (registrants, attendees), surveys (non-respondents) and published posts to link, the posts other
 * communities shared with this one among them (ADR 038). Secretariat only.
 */
export async function listMailingChoices(
  deps: { db: Kysely<DB>; shared?: SharedSource },
  actor: Actor,
): Promise<{
  people: Choice[];
  groups: { id: string; name: string }[];
  events: { id: string; title: string; starts_at: string }[];
  surveys: { id: string; title: string }[];
  posts: { id: string; title: string; tlp: string; sharedBy: SharedOrigin | null }[];
}> {
  requireSecretariat(actor);
  const { db } = deps;
  const own = await db
    .selectFrom("posts")
    .select(["id", "title", "tlp", "published_at"])
    .where("status", "=", "published")
    .orderBy("published_at", "desc")
    .limit(RECENT_CHOICES)
    .execute();
  const shared = deps.shared ? await sharedPostRows(deps.shared) : [];
  const posts = [
    ...own.map((p) => ({ ...p, sharedBy: null })),
    ...shared.map((p) => ({ id: p.id, title: p.title, tlp: p.tlp, published_at: p.published_at, sharedBy: p.origin })),
  ]
    .sort((x, y) => (y.published_at ?? "").localeCompare(x.published_at ?? ""))
    .slice(0, RECENT_CHOICES)
    .map(({ published_at: _, ...p }) => p);
  return {
    people: (await listAudienceChoices(db, actor)).people,
    groups: await db.selectFrom("groups").select(["id", "name"]).orderBy("name").execute(),
    events: await db
      .selectFrom("events")
      .select(["id", "title", "starts_at"])
      .orderBy("starts_at", "desc")
      .limit(RECENT_CHOICES)
      .execute(),
    surveys: await db
      .selectFrom("surveys")
      .select(["id", "title"])
      .orderBy("created_at", "desc")
      .limit(RECENT_CHOICES)
      .execute(),
    posts,
  };
}
