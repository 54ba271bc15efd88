import { z } from "zod";
import { type Actor, requireSecretariat } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { type InvitationView, listInvitations } from "./list-invitations.ts";
import { listScopeOptions, type ScopedType, type ScopeOption } from "./role-scopes.ts";
import { parseInput } from "../shared/validation.ts";

export const invitationFormQuerySchema = z.object({ q: z.string().trim().max(100).optional() });

/**
 * The invitations page: the invitations so far, and the organisations, groups and events a new
 * invitation may name, by name (narrowed by `q`, the page's search step that needs no script).
 */
export async function getInvitationForm(
  deps: Pick<AccountsDeps, "db" | "clock">,
  actor: Actor,
  query: unknown = {},
): Promise<{ invitations: InvitationView[]; scopes: Record<ScopedType, ScopeOption[]>; q: string }> {
  requireSecretariat(actor);
  const { q } = parseInput(invitationFormQuerySchema, query);
  const [invitations, scopes] = await Promise.all([listInvitations(deps, actor), listScopeOptions(deps.db, { q })]);
  return { invitations, scopes, q: q ?? "" };
}
