import type { Actor } from "./actor.ts";
import { requireSecretariat } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";
import { scopeNames } from "./role-scopes.ts";

export interface InvitationView {
  id: string;
  email: string;
  name: string;
  role: string;
  scopeId: string | null;
  /** The organisation's or group's name, or the event's title; null when it no longer exists. */
  scopeName: string | null;
  createdAt: string;
  expiresAt: string;
  state: "pending" | "accepted" | "expired";
}

export async function listInvitations(
  deps: Pick<AccountsDeps, "db" | "clock">,
  actor: Actor,
): Promise<InvitationView[]> {
  requireSecretariat(actor);
  const now = deps.clock.now().toISOString();
  const rows = await deps.db.selectFrom("invitations").selectAll().orderBy("created_at", "desc").limit(200).execute();
  const names = await scopeNames(
    deps.db,
    rows.map((r) => ({ scopeType: r.scope_type, scopeId: r.scope_id })),
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    scopeId: r.scope_id,
    scopeName: names.get(`${r.scope_type}:${r.scope_id}`) ?? null,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    state: r.accepted_at ? "accepted" : r.expires_at <= now ? "expired" : "pending",
  }));
}
