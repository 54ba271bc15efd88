/**
 * The communities of an installation (migration 0700, ADR 035), read through the unscoped
 * handle, and the scoped database of one of them.
 */
import type { Kysely } from "kysely";
import { communityScope } from "./community-scope.ts";
import type { Database } from "./create-db.ts";
import type { DB, Row } from "./schema.ts";

export type Community = Row<"communities">;

/** Every community, the first (the installation's own, from before 0700) first. */
export async function listCommunities(root: Kysely<DB>): Promise<Community[]> {
  return root.selectFrom("communities").selectAll().orderBy("created_at").orderBy("id").execute();
}

/** The first community: where the CLI, the demo and a request without another address act. */
export async function firstCommunity(root: Kysely<DB>): Promise<Community> {
  const [first] = await listCommunities(root);
  if (!first) throw new Error("no community: the database is not migrated (0700-communities)");
  return first;
}

/** The community with this slug, or undefined. */
export async function findCommunity(root: Kysely<DB>, slug: string): Promise<Community | undefined> {
  return root.selectFrom("communities").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** The same database, every query of `db` scoped to one community. */
export function scopeDatabase(database: Database, communityId: string): Database {
  return { ...database, db: database.root.withPlugin(communityScope(communityId)) };
}
