import type { Kysely } from "kysely";
import { z } from "zod";
import type { DB, Row } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import { outboxStatuses } from "./outbox-status.ts";

export const outboxFilterSchema = z.object({
  status: z.enum(outboxStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type OutboxFilter = z.input<typeof outboxFilterSchema>;

export interface OutboxMessageSummary {
  id: string;
  kind: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * The secretariat's view of the outbox, newest first. Mail carries sign-in links, so only the
 * secretariat (with its second factor) may read it.
 */
export async function listOutboxMessages(
  db: Kysely<DB>,
  actor: Actor,
  filter: OutboxFilter,
): Promise<{ items: OutboxMessageSummary[]; total: number }> {
  requireSecretariat(actor);
  const f = parseInput(outboxFilterSchema, filter);
  let query = db.selectFrom("outbox_messages");
  if (f.status) query = query.where("status", "=", f.status);
  const { total } = await query.select((eb) => eb.fn.countAll<number | string>().as("total")).executeTakeFirstOrThrow();
  const rows = await query
    .select(["id", "kind", "to_address", "subject", "status", "attempts", "last_error", "created_at", "sent_at"])
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total: Number(total),
    items: rows.map(toOutboxSummary),
  };
}

type SummaryColumns =
  | "id"
  | "kind"
  | "to_address"
  | "subject"
  | "status"
  | "attempts"
  | "last_error"
  | "created_at"
  | "sent_at";

/** The columns of a message every outbox view shows, under their API names. */
export function toOutboxSummary(r: Pick<Row<"outbox_messages">, SummaryColumns>): OutboxMessageSummary {
  return {
    id: r.id,
    kind: r.kind,
    to: r.to_address,
    subject: r.subject,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
