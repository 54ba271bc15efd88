import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { actorId, actorLabel } from "../accounts/actor.ts";
import type { Clock } from "../shared/clock.ts";
import type { AuditAction } from "./audit-actions.ts";

export interface AuditChange {
  /** noun.verb, e.g. `invitation.create`, `organisation.update`, `material.download` (listed in audit-actions.ts). */
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * Who the log names instead of the actor: for a record of another community's act in this
   * community's log (a 法人番号 link, ADR 039), that community — not its secretariat's people.
   */
  recordedAs?: { type: string; id: string | null; label: string };
}

const SECRET_FIELDS = /^(password|token|secret|token_hash|backupCodes|totp.*)$/i;

/** Never writes secrets into the log, whatever a caller passes. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_FIELDS.test(k) ? "[redacted]" : redact(v)]),
    );
  }
  return value;
}

/** Call inside the transaction of the change, so the record and the change commit together. */
export async function recordAuditEvent(db: Kysely<DB>, clock: Clock, actor: Actor, change: AuditChange): Promise<void> {
  await recordAuditEvents(db, clock, [{ actor, change }]);
}

/** Several records in one statement (a batch of registrations), each with its own actor. */
export async function recordAuditEvents(
  db: Kysely<DB>,
  clock: Clock,
  entries: { actor: Actor; change: AuditChange }[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = clock.now();
  await db
    .insertInto("audit_events")
    .values(
      entries.map(({ actor, change }) => ({
        id: newId(at.getTime()),
        at: at.toISOString(),
        actor_type: change.recordedAs?.type ?? actor.kind,
        actor_id: change.recordedAs ? change.recordedAs.id : actorId(actor),
        actor_label: change.recordedAs?.label ?? actorLabel(actor),
        action: change.action,
        entity_type: change.entityType,
        entity_id: change.entityId ?? null,
        before_json: change.before === undefined ? null : JSON.stringify(redact(change.before)),
        after_json: change.after === undefined ? null : JSON.stringify(redact(change.after)),
      })),
    )
    .execute();
}
