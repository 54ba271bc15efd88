import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { getMailing, type MailingProgress } from "./get-mailing.ts";
import { listMailingRecipients, type RecipientStatus } from "./list-mailing-recipients.ts";
import { type MailingPhase, mailingPhase } from "./mailing-phase.ts";
import type { MailingView } from "./mailing-settings.ts";

export type { MailingProgress, RecipientStatus };

/**
 * What the mailing page shows: the mailing, its live progress (sent / failed / total), its phase
 * at `now` (what it is really doing, mailing-phase.ts) and a page of recipients.
 */
export async function getMailingProgress(
  db: Kysely<DB>,
  actor: Actor,
  id: string,
  page: { limit?: number; offset?: number; now?: Date } = {},
): Promise<{ mailing: MailingView; progress: MailingProgress; phase: MailingPhase; recipients: RecipientStatus[] }> {
  const { progress, ...mailing } = await getMailing(db, actor, id);
  const { items } = await listMailingRecipients(db, actor, id, { limit: page.limit ?? 100, offset: page.offset ?? 0 });
  return { mailing, progress, phase: mailingPhase(mailing, progress, page.now ?? new Date()), recipients: items };
}
