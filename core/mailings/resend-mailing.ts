import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMails } from "../mail/enqueue-mail.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { mailingContext, mailingDedupeKey, recipientMail } from "./dispatch-due-mailings.ts";
import { findMailing, mailingSettings, mailingView } from "./mailing-settings.ts";

/**
 * Sends a sent mailing again to the recipients it did not reach: those whose message the outbox
 * gave up on (failed). Nobody who received it, is still waiting for it, or was skipped
 * (unsubscribed, not entitled) gets it again. Each new message's dedupe key names the failed
 * message it replaces, so a double click or a second process queues it once.
 */
export async function resendMailing(
  deps: Pick<SharingDeps, "db" | "clock" | "baseUrl" | "secret" | "onMailQueued" | "shared">,
  actor: Actor,
  id: string,
): Promise<{ queued: number }> {
  requireSecretariat(actor);
  const settings = await mailingSettings(deps.db);
  // What every message shares, read before the transaction (a shared post is read over the
  // installation's database, on SQLite the connection the transaction holds); it does not change.
  const context = await mailingContext(deps, mailingView(await findMailing(deps.db, id)), settings.communityName);
  const queued = await deps.db.transaction().execute(async (trx) => {
    const mailing = mailingView(await findMailing(trx, id));
    if (mailing.status !== "sent") throw new AppError("conflict");
    const failed = await trx
      .selectFrom("mailing_recipients")
      .innerJoin("outbox_messages", "outbox_messages.id", "mailing_recipients.outbox_message_id")
      .selectAll("mailing_recipients")
      .where("mailing_recipients.mailing_id", "=", id)
      .where("outbox_messages.status", "=", "failed")
      .execute();
    if (failed.length === 0) return 0;
    const mails = failed.map((recipient) =>
      recipientMail(mailing, recipient, context, {
        id: newId(deps.clock.now().getTime()),
        dedupeKey: `${mailingDedupeKey(id, recipient.email)}:after:${recipient.outbox_message_id}`,
      }),
    );
    await enqueueMails(trx, deps.clock, mails);
    const keys = mails.map((m) => m.dedupeKey);
    const inOutbox = await trx
      .selectFrom("outbox_messages")
      .select(["id", "dedupe_key"])
      .where("dedupe_key", "in", keys)
      .execute();
    for (const [index, recipient] of failed.entries()) {
      const message = inOutbox.find((m) => m.dedupe_key === keys[index]);
      if (!message) continue;
      await trx
        .updateTable("mailing_recipients")
        .set({ status: "queued", outbox_message_id: message.id })
        .where("id", "=", recipient.id)
        .execute();
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.resend",
      entityType: "mailing",
      entityId: id,
      after: { recipients: failed.length },
    });
    return failed.length;
  });
  if (queued > 0) deps.onMailQueued?.();
  return { queued };
}
