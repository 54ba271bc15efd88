import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Talk } from "./templates/build.ts";

/**
 * The talks of a seminar, in programme order, for Q16's rows. Read from the events capability's
 * `event_sessions` table (contracts.md); a database without it (or an unknown event) gives none.
 */
export async function loadTalks(db: Kysely<DB>, eventId: string): Promise<Talk[]> {
  try {
    // The query builder, not raw SQL: the community scope rewrites it (ADR 035).
    const rows = await db
      .selectFrom("event_sessions")
      .select(["id", "title"])
      .where("event_id", "=", eventId)
      .orderBy("position")
      .execute();
    return rows.map((r) => ({ id: String(r.id), title: String(r.title) }));
  } catch {
    return [];
  }
}
