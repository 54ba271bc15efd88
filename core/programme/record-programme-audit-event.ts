import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, actorId, actorLabel } from "../accounts/actor.ts";
import type { Clock } from "../shared/clock.ts";

/**
 * What a programme's own audit log records (`programme_audit_events`, migration 0730): each file
 * that left the server from its office. A programme spans communities and holds no community
 * role, so its log is its own, not any community's `audit_events` (docs/programme.md).
 */
export const programmeAuditActions = ["programme.kpi-sheet.export", "programme.report.export"] as const;
export type ProgrammeAuditAction = (typeof programmeAuditActions)[number];

export async function recordProgrammeAuditEvent(
  root: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  programmeId: string,
  action: ProgrammeAuditAction,
  after: Record<string, unknown>,
): Promise<void> {
  const at = clock.now();
  await root
    .insertInto("programme_audit_events")
    .values({
      id: newId(at.getTime()),
      programme_id: programmeId,
      at: at.toISOString(),
      actor_type: actor.kind,
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      action,
      after_json: JSON.stringify(after),
    })
    .execute();
}
