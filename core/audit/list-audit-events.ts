import type { Kysely } from "kysely";
import { z } from "zod";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";

export const auditFilterSchema = z.object({
  action: z.string().trim().max(100).optional(),
  entityType: z.string().trim().max(100).optional(),
  actor: z.string().trim().max(200).optional(),
  from: z.iso.date({ message: "field.date" }).optional(),
  to: z.iso.date({ message: "field.date" }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

export interface AuditEventView {
  id: string;
  at: string;
  actorType: string;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The secretariat's view of who changed what; newest first, filtered, paged. */
export async function listAuditEvents(
  db: Kysely<DB>,
  actor: Actor,
  filter: AuditFilter,
): Promise<{ items: AuditEventView[]; total: number }> {
  requireSecretariat(actor);
  const f = parseInput(auditFilterSchema, filter);
  let query = db.selectFrom("audit_events");
  if (f.action) query = query.where(containsInsensitive("action", f.action));
  if (f.entityType) query = query.where("entity_type", "=", f.entityType);
  if (f.actor) query = query.where(containsInsensitive("actor_label", f.actor));
  // Calendar dates are Japan days: 2021-01-27 runs from 2021-01-26T15:00Z.
  if (f.from) query = query.where("at", ">=", new Date(`${f.from}T00:00:00+09:00`).toISOString());
  if (f.to) query = query.where("at", "<", new Date(new Date(`${f.to}T00:00:00+09:00`).getTime() + 86_400_000).toISOString());

  const [{ total }] = [await query.select((eb) => eb.fn.countAll<number>().as("total")).executeTakeFirstOrThrow()];
  const rows = await query.selectAll().orderBy("at", "desc").orderBy("id", "desc").limit(f.limit).offset(f.offset).execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorType: r.actor_type,
      actorLabel: r.actor_label,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
    })),
  };
}
