import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { findMailing, mailingView, type MailingView } from "./mailing-settings.ts";

export interface MailingProgress {
  total: number;
  sent: number;
  failed: number;
  /** queued in the outbox and not delivered yet, or not yet queued (rate limit) */
  waiting: number;
  skipped: number;
}

/**
 * A mailing with its live progress. Recipients exist once sending has started (the audience is
 * resolved then), so a draft's progress is all zeros; sent and failed follow the outbox.
 */
export async function getMailing(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
): Promise<MailingView & { progress: MailingProgress }> {
  requireSecretariat(actor);
  const mailing = mailingView(await findMailing(db, id));
  const counts = await db
    .selectFrom("mailing_recipients")
    .leftJoin("outbox_messages", "outbox_messages.id", "mailing_recipients.outbox_message_id")
    .select(["mailing_recipients.status as recipient", "outbox_messages.status as outbox"])
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("mailing_recipients.mailing_id", "=", id)
    .groupBy(["mailing_recipients.status", "outbox_messages.status"])
    .execute();
  const progress: MailingProgress = { total: 0, sent: 0, failed: 0, waiting: 0, skipped: 0 };
  for (const row of counts) {
    const n = Number(row.n);
    progress.total += n;
    if (row.recipient.startsWith("skipped")) progress.skipped += n;
    else if (row.outbox === "sent") progress.sent += n;
    else if (row.outbox === "failed") progress.failed += n;
    else progress.waiting += n;
  }
  return { ...mailing, progress };
}
