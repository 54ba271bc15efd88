import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { type Choice, listAudienceChoices } from "../sharing/list-audience-choices.ts";

/** How many recent events, surveys and posts the mailing form offers. */
export const RECENT_CHOICES = 50;

/**
 * What the new-mailing form offers to choose from: people to hand-pick, groups, the latest events
 * (registrants, attendees), surveys (non-respondents) and published posts to link. Secretariat only.
 */
export async function listMailingChoices(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{
  people: Choice[];
  groups: { id: string; name: string }[];
  events: { id: string; title: string; starts_at: string }[];
  surveys: { id: string; title: string }[];
  posts: { id: string; title: string; tlp: string }[];
}> {
  requireSecretariat(actor);
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
    posts: await db
      .selectFrom("posts")
      .select(["id", "title", "tlp"])
      .where("status", "=", "published")
      .orderBy("published_at", "desc")
      .limit(RECENT_CHOICES)
      .execute(),
  };
}
