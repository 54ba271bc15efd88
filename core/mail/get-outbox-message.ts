import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { type OutboxMessageSummary, toOutboxSummary } from "./list-outbox-messages.ts";

export interface OutboxMessageView extends OutboxMessageSummary {
  messageId: string;
  textBody: string;
  headers: Record<string, string>;
  nextAttemptAt: string;
}

/** One message with its body, for the secretariat (this is where a new user reads sign-in links). */
export async function getOutboxMessage(db: Kysely<DB>, actor: Actor, id: string): Promise<OutboxMessageView> {
  requireSecretariat(actor);
  const r = await db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw new AppError("not-found");
  return {
    ...toOutboxSummary(r),
    messageId: r.message_id,
    textBody: r.text_body,
    headers: JSON.parse(r.headers_json) as Record<string, string>,
    nextAttemptAt: r.next_attempt_at,
  };
}
