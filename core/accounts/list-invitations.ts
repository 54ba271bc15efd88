import type { Actor } from "./actor.ts";
import { requireSecretariat } from "./actor.ts";
import type { AccountsDeps } from "./deps.ts";

export interface InvitationView {
  id: string;
  email: string;
  name: string;
  role: string;
  scopeId: string | null;
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
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    scopeId: r.scope_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    state: r.accepted_at ? "accepted" : r.expires_at <= now ? "expired" : "pending",
  }));
}
