import { z } from "zod";
import { accountNameSchema } from "./account-name.ts";
import { newId } from "../../db/ids.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { type Actor, type Role, type ScopeType, requireSecretariat, roleScope } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { grantFields, requireScope, scopeGivenUnlessGlobal } from "./role-scopes.ts";

export const TOKEN_PREFIX = "chiiki_";

export const createApiTokenSchema = z
  .object({
    name: accountNameSchema,
    ...grantFields,
  })
  .refine(...scopeGivenUnlessGlobal);

/** Creates a bearer token; the caller sees the token once, the database keeps only its hash. */
export async function createApiToken(
  deps: Pick<AccountsDeps, "db" | "clock">,
  actor: Actor,
  input: z.input<typeof createApiTokenSchema>,
): Promise<{ id: string; token: string }> {
  requireSecretariat(actor);
  const data = parseInput(createApiTokenSchema, input);
  // The organisation, group or event the token's role is scoped to must exist and be of that kind.
  await requireScope(deps.db, data.role, data.scopeId);
  const token = newSecretToken(TOKEN_PREFIX);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("api_tokens")
      .values({
        id,
        name: data.name,
        token_hash: sha256(token),
        role: data.role,
        scope_type: roleScope[data.role],
        scope_id: data.scopeId,
        created_by: actor.kind === "user" ? actor.userId : null,
        created_at: deps.clock.now().toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "api-token.create",
      entityType: "api-token",
      entityId: id,
      after: { name: data.name, role: data.role, scopeId: data.scopeId },
    });
  });
  return { id, token };
}

export async function revokeApiToken(
  deps: Pick<AccountsDeps, "db" | "clock">,
  actor: Actor,
  id: string,
): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("api_tokens")
      .set({ revoked_at: deps.clock.now().toISOString() })
      .where("id", "=", id)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new AppError("not-found");
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "api-token.revoke",
      entityType: "api-token",
      entityId: id,
    });
  });
}

export async function listApiTokens(deps: Pick<AccountsDeps, "db">, actor: Actor) {
  requireSecretariat(actor);
  const rows = await deps.db
    .selectFrom("api_tokens")
    .select(["id", "name", "role", "scope_type", "scope_id", "created_at", "last_used_at", "revoked_at"])
    .orderBy("created_at", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    scopeType: r.scope_type,
    scopeId: r.scope_id,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * The actor behind a bearer token, or null when it is unknown or revoked, or when the person who
 * created it is no longer the secretariat (a token acts for its creator, never beyond them).
 */
export async function authenticateApiToken(
  deps: Pick<AccountsDeps, "db" | "clock">,
  token: string,
): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const row = await deps.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  if (row.created_by !== null) {
    const creator = await deps.db
      .selectFrom("role_grants")
      .select("id")
      .where("user_id", "=", row.created_by)
      .where("role", "=", "secretariat")
      .executeTakeFirst();
    if (!creator) return null;
  }
  const now = deps.clock.now().toISOString();
  // Recording use at most once a minute keeps automation from writing on every request.
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000) {
    await deps.db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", row.id).execute();
  }
  const grants = [{ role: row.role as Role, scopeType: row.scope_type as ScopeType, scopeId: row.scope_id }];
  return { kind: "token", tokenId: row.id, name: row.name, grants, createdBy: row.created_by };
}
