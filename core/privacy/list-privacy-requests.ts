import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { PrivacyDeps } from "./deps.ts";

export interface PrivacyRequestView {
  id: string;
  kind: string;
  state: string;
  subjectRef: string;
  requestedBy: string;
  requestedAt: string;
  completedAt: string | null;
  counts: Record<string, number> | null;
}

/** The log of requests, newest first (a pending self-service link shows as pending until used or expired). */
export async function listPrivacyRequests(deps: PrivacyDeps, actor: Actor, limit = 200): Promise<PrivacyRequestView[]> {
  requireSecretariat(actor);
  const now = deps.clock.now().toISOString();
  const rows = await deps.db
    .selectFrom("privacy_requests")
    .selectAll()
    .orderBy("requested_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    state: r.state === "pending" && r.expires_at !== null && r.expires_at < now ? "expired" : r.state,
    subjectRef: r.subject_ref,
    requestedBy: r.requested_by,
    requestedAt: r.requested_at,
    completedAt: r.completed_at,
    counts: r.counts_json ? (JSON.parse(r.counts_json) as Record<string, number>) : null,
  }));
}
