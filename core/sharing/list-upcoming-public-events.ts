import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Upcoming public seminars for the public information page (events own the table; we only read it). */
export async function listUpcomingPublicEvents(db: Kysely<DB>, now: Date, limit = 5) {
  return db
    .selectFrom("events")
    .select(["id", "title", "starts_at as startsAt", "venue_name as venueName", "online_tool as onlineTool"])
    .where("status", "=", "published")
    .where("audience", "=", "public")
    .where("ends_at", ">", now.toISOString())
    .orderBy("starts_at")
    .limit(limit)
    .execute();
}
