import { z } from "zod";
import { type Actor, authorOf, humanOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { scheduledAtSchema, scheduledInstant } from "./mailing-input.ts";
import { findMailing, mailingSettings } from "./mailing-settings.ts";

const scheduleSchema = z.object({
  /** When to send (ISO instant or `YYYY-MM-DDTHH:mm` in Japan time); empty: the draft's planned time, else as soon as approved. */
  scheduledAt: scheduledAtSchema,
});

/**
 * Submitting asks for approval and fixes the send time. With second approval on (the default),
 * another secretariat user must approve; with it off, submitting approves at once.
 */
export async function submitMailing(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  id: string,
  input: unknown = {},
): Promise<{ status: string }> {
  requireSecretariat(actor);
  const { scheduledAt } = parseInput(scheduleSchema, input);
  const settings = await mailingSettings(deps.db);
  return deps.db.transaction().execute(async (trx) => {
    const row = await findMailing(trx, id);
    if (row.status !== "draft") throw new AppError("conflict");
    const now = deps.clock.now();
    const status = settings.secondApproval ? "awaiting-approval" : "approved";
    const sendAt = scheduledInstant(scheduledAt ?? row.scheduled_at, now);
    await trx
      .updateTable("mailings")
      .set({
        status,
        requested_by: authorOf(actor),
        scheduled_at: sendAt,
        approved_by: settings.secondApproval ? null : authorOf(actor),
        approved_at: settings.secondApproval ? null : now.toISOString(),
        updated_at: now.toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.submit",
      entityType: "mailing",
      entityId: id,
      after: { status, scheduledAt: sendAt },
    });
    return { status };
  });
}

/**
 * A second *person* approves (issue 13, item 3): the one who submitted cannot approve their own
 * mailing, whether in the browser or with a token they created. A token no person created (made
 * at the command line) is no second person and cannot approve at all. The operator at the command
 * line (`system`, who holds the database anyway) may, as the demo does; it is audited as such.
 */
export async function approveMailing(deps: Pick<SharingDeps, "db" | "clock">, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  const notASecondPerson = () => new AppError("forbidden", { params: { reason: "second-approver" } });
  if (actor.kind === "token" && !humanOf(actor)) throw notASecondPerson();
  const approver = authorOf(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findMailing(trx, id);
    if (row.status !== "awaiting-approval") throw new AppError("conflict");
    if (approver !== null && row.requested_by === approver) throw notASecondPerson();
    const now = deps.clock.now().toISOString();
    // A time that passed while it waited for approval means "as soon as approved": the approver
    // sends it now, rather than leaving it to wait for a confirmation (mailing-phase.ts).
    const scheduledAt = row.scheduled_at && row.scheduled_at > now ? row.scheduled_at : now;
    await trx
      .updateTable("mailings")
      .set({ status: "approved", approved_by: approver, approved_at: now, scheduled_at: scheduledAt, updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, { action: "mailing.approve", entityType: "mailing", entityId: id });
  });
}

/** Cancels a mailing that has not started sending (what is already in the outbox stays sent). */
export async function cancelMailing(deps: Pick<SharingDeps, "db" | "clock">, actor: Actor, id: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const row = await findMailing(trx, id);
    if (!["draft", "awaiting-approval", "approved"].includes(row.status)) throw new AppError("conflict");
    const now = deps.clock.now().toISOString();
    await trx.updateTable("mailings").set({ status: "cancelled", updated_at: now }).where("id", "=", id).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.cancel",
      entityType: "mailing",
      entityId: id,
      before: { status: row.status },
    });
  });
}
