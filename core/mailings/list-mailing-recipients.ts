import { z } from "zod";
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import { findMailing } from "./mailing-settings.ts";

export interface RecipientStatus {
  email: string;
  name: string;
  organisationName: string | null;
  /** pending | queued | sent | failed | skipped-… */
  status: string;
  error: string | null;
}

export const listRecipientsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * Each recipient of a mailing that has started, in the order they were written, with where their
 * message stands: a queued message shows the outbox's word (sent, failed) once it has one.
 */
export async function listMailingRecipients(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  query: unknown = {},
): Promise<{ items: RecipientStatus[]; total: number }> {
  requireSecretariat(actor);
  const { limit, offset } = parseInput(listRecipientsQuerySchema, query);
  await findMailing(db, id);
  const counted = await db
    .selectFrom("mailing_recipients")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("mailing_id", "=", id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom("mailing_recipients")
    .leftJoin("outbox_messages", "outbox_messages.id", "mailing_recipients.outbox_message_id")
    .select([
      "mailing_recipients.email",
      "mailing_recipients.name",
      "mailing_recipients.organisation_name",
      "mailing_recipients.status",
      "outbox_messages.status as outbox",
      "outbox_messages.last_error",
    ])
    .where("mailing_recipients.mailing_id", "=", id)
    .orderBy("mailing_recipients.id")
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    items: rows.map((r) => ({
      email: r.email,
      name: r.name,
      organisationName: r.organisation_name,
      status: r.status === "queued" && r.outbox && r.outbox !== "sending" ? r.outbox : r.status,
      error: r.last_error,
    })),
    total: Number(counted.n),
  };
}
