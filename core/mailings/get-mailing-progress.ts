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

export interface RecipientStatus {
  email: string;
  name: string;
  organisationName: string | null;
  /** pending | queued | sent | failed | skipped-… */
  status: string;
  error: string | null;
}

/** A mailing with its live progress (sent / failed / total) and each recipient's status. */
export async function getMailingProgress(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  page: { limit?: number; offset?: number } = {},
): Promise<{ mailing: MailingView; progress: MailingProgress; recipients: RecipientStatus[] }> {
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
  const rows = await db
    .selectFrom("mailing_recipients")
    .leftJoin("outbox_messages", "outbox_messages.id", "mailing_recipients.outbox_message_id")
    .select(["mailing_recipients.email", "mailing_recipients.name", "mailing_recipients.organisation_name", "mailing_recipients.status", "outbox_messages.status as outbox", "outbox_messages.last_error"])
    .where("mailing_recipients.mailing_id", "=", id)
    .orderBy("mailing_recipients.id")
    .limit(page.limit ?? 100)
    .offset(page.offset ?? 0)
    .execute();
  return {
    mailing,
    progress,
    recipients: rows.map((r) => ({
      email: r.email,
      name: r.name,
      organisationName: r.organisation_name,
      status: r.status === "queued" && r.outbox && r.outbox !== "sending" ? r.outbox : r.status,
      error: r.last_error,
    })),
  };
}

export async function listMailings(db: Kysely<DB>, actor: Actor): Promise<MailingView[]> {
  requireSecretariat(actor);
  const rows = await db.selectFrom("mailings").selectAll().orderBy("created_at", "desc").limit(200).execute();
  return rows.map(mailingView);
}
