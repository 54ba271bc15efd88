import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/** The community's name as the first run (or `npx chiiki demo`) set it; "Chiiki" before that. */
export async function getCommunityName(deps: { db: Kysely<DB> }): Promise<string> {
  const row = await deps.db
    .selectFrom("app_settings")
    .select("value")
    .where("key", "=", "community_name")
    .executeTakeFirst();
  return row?.value ?? "Chiiki";
}
