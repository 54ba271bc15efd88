import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, isSignedIn } from "../accounts/actor.ts";

export interface EventSummary {
  id: string;
  title: string;
  theme: string | null;
  startsAt: string;
  endsAt: string;
  venueName: string | null;
  onlineTool: string | null;
  audience: string;
  registrationOpen: boolean;
}

/** Published events, upcoming first then past (newest first); members-only ones only to the signed in. */
export async function listEvents(
  db: Kysely<DB>,
  actor: Actor,
  now: Date,
): Promise<{ upcoming: EventSummary[]; past: EventSummary[] }> {
  let query = db.selectFrom("events").selectAll().where("status", "=", "published");
  if (!isSignedIn(actor)) query = query.where("audience", "=", "public");
  const rows = await query.orderBy("starts_at").execute();
  const nowIso = now.toISOString();
  const items = rows.map((r) => ({
    id: r.id,
    title: r.title,
    theme: r.theme,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    venueName: r.venue_name,
    onlineTool: r.online_tool,
    audience: r.audience,
    registrationOpen: r.registration_opens_at <= nowIso && nowIso < r.registration_closes_at,
  }));
  return { upcoming: items.filter((e) => e.endsAt >= nowIso), past: items.filter((e) => e.endsAt < nowIso).reverse() };
}
