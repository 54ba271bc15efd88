import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { getMailing, type MailingProgress } from "./get-mailing.ts";
import { listMailingRecipients, type RecipientStatus } from "./list-mailing-recipients.ts";
import type { MailingView } from "./mailing-settings.ts";

export type { MailingProgress, RecipientStatus };

/** What the mailing page shows: the mailing, its live progress (sent / failed / total) and a page of recipients. */
export async function getMailingProgress(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  page: { limit?: number; offset?: number } = {},
): Promise<{ mailing: MailingView; progress: MailingProgress; recipients: RecipientStatus[] }> {
  const { progress, ...mailing } = await getMailing(db, actor, id);
  const { items } = await listMailingRecipients(db, actor, id, { limit: page.limit ?? 100, offset: page.offset ?? 0 });
  return { mailing, progress, recipients: items };
}
