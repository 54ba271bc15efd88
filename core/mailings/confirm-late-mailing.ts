import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { isOverdue } from "./mailing-phase.ts";
import { findMailing, mailingView } from "./mailing-settings.ts";

/**
 * A person confirms that an approved mailing whose time passed long ago (mailing-phase.ts) should
 * still go out: it is due now, and the worker starts it on its next tick. (Cancelling is the other
 * answer, cancelMailing.)
 */
export async function confirmLateMailing(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  id: string,
): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findMailing(trx, id);
    const now = deps.clock.now();
    if (!isOverdue(mailingView(row), now)) throw new AppError("conflict");
    await trx
      .updateTable("mailings")
      .set({ scheduled_at: now.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", id)
      .where("status", "=", "approved")
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.confirm-late",
      entityType: "mailing",
      entityId: id,
      before: { scheduledAt: row.scheduled_at },
      after: { scheduledAt: now.toISOString() },
    });
  });
}
