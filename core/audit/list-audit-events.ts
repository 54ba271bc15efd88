import type { Kysely } from "kysely";
import { z } from "zod";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { fromJapanLocal } from "../../i18n/dates.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import { type AuditAction, auditActionsOf, auditKinds, isAuditAction } from "./audit-actions.ts";

export const auditFilterSchema = z
  .object({
    /** One recorded action (`invitation.create`), or a part of a code recorded before actions were listed. */
    action: z.string().trim().max(100).optional(),
    /** A kind of action, or `exports`: everything by which data left the server. */
    kind: z.enum([...auditKinds, "exports"], { message: "field.choice" }).optional(),
    entityType: z.string().trim().max(100).optional(),
    /** Who: the id of an account, token or system actor as recorded. */
    actorId: z.string().trim().max(200).optional(),
    /** Who, by a part of their name or address. */
    actor: z.string().trim().max(200).optional(),
    from: z.iso.date({ message: "field.date" }).optional(),
    to: z.iso.date({ message: "field.date" }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "field.audit-to-before-from" });
export type AuditFilter = z.input<typeof auditFilterSchema>;

export interface AuditEventView {
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  /** A listed action, or the raw code of one recorded before the list (shown as it is). */
  action: AuditAction | string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditActorOption {
  id: string;
  label: string;
}

/** The secretariat's view of who changed or took what; newest first, filtered, paged. */
export async function listAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditFilter,
): Promise<{ items: AuditEventView[]; total: number; actors: AuditActorOption[] }> {
  requireSecretariat(actor);
  const f = parseInput(auditFilterSchema, filter);
  let query = db.selectFrom("audit_events");
  if (f.action)
    query = isAuditAction(f.action)
      ? query.where("action", "=", f.action)
      : query.where(containsInsensitive("action", f.action));
  if (f.kind) query = query.where("action", "in", auditActionsOf(f.kind));
  if (f.entityType) query = query.where("entity_type", "=", f.entityType);
  if (f.actorId) query = query.where("actor_id", "=", f.actorId);
  if (f.actor) query = query.where(containsInsensitive("actor_label", f.actor));
  // Calendar dates are Japan days: 2021-01-27 runs from 2021-01-26T15:00Z.
  if (f.from) query = query.where("at", ">=", fromJapanLocal(f.from).toISOString());
  if (f.to) query = query.where("at", "<", new Date(fromJapanLocal(f.to).getTime() + 86_400_000).toISOString());

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  // Everyone who appears in the log, for the "who" filter: one entry per actor, their latest label.
  const actorRows = await db
    .selectFrom("audit_events")
    .select(["actor_id", (eb) => eb.fn.max("actor_label").as("label")])
    .where("actor_id", "is not", null)
    .groupBy("actor_id")
    .orderBy("label")
    .limit(500)
    .execute();
  return {
    total: Number(total),
    actors: actorRows.map((r) => ({ id: r.actor_id!, label: String(r.label) })),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorType: r.actor_type,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    })),
  };
}
