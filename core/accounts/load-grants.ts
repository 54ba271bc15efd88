import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Role, RoleGrant, ScopeType } from "./actor.ts";

export async function loadGrants(db: Kysely<DB>, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom("role_grants")
    .select(["role", "scope_type", "scope_id"])
    .where("user_id", "=", userId)
    .execute();
  return rows.map((r) => ({ role: r.role as Role, scopeType: r.scope_type as ScopeType, scopeId: r.scope_id }));
}
