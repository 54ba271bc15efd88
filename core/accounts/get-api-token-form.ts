import { type Actor, requireSecretariat } from "./actor.ts";
import { listApiTokens } from "./api-tokens.ts";
import type { AccountsDeps } from "./deps.ts";
import { listScopeOptions, type ScopedType, type ScopeOption, scopeNames } from "./role-scopes.ts";

/**
 * The API tokens page: the tokens so far with the name of each one's scope (none when it no
 * longer exists), and the organisations, groups and events a new token may be scoped to, by name.
 */
export async function getApiTokenForm(
  deps: Pick<AccountsDeps, "db">,
  actor: Actor,
): Promise<{
  tokens: (Awaited<ReturnType<typeof listApiTokens>>[number] & { scopeName: string | null })[];
  scopes: Record<ScopedType, ScopeOption[]>;
}> {
  requireSecretariat(actor);
  const [tokens, scopes] = await Promise.all([listApiTokens(deps, actor), listScopeOptions(deps.db)]);
  const names = await scopeNames(
    deps.db,
    tokens.map((t) => ({ scopeType: t.scopeType, scopeId: t.scopeId })),
  );
  return {
    tokens: tokens.map((t) => ({ ...t, scopeName: names.get(`${t.scopeType}:${t.scopeId}`) ?? null })),
    scopes,
  };
}
