import { anonymous } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { PrivacyDeps } from "./deps.ts";
import { type ErasureCounts, eraseSubject } from "./erase-subject.ts";
import { findErasureLink } from "./open-erasure-link.ts";

/**
 * The registrant pressed "erase" on their link: everything under the address is erased as the
 * secretariat's erasure does it, the link is used up, and the log and the audit keep the counts.
 */
export async function confirmErasureLink(
  deps: PrivacyDeps,
  token: string,
): Promise<{ ref: string; counts: ErasureCounts }> {
  return deps.db.transaction().execute(async (trx) => {
    const link = await findErasureLink(trx, deps.clock, deps.secret, token);
    const counts = await eraseSubject(trx, deps.clock, deps.secret, link.subject);
    const now = deps.clock.now().toISOString();
    // One use: a second press (or a second process) finds the row no longer pending.
    const used = await trx
      .updateTable("privacy_requests")
      .set({ state: "done", completed_at: now, counts_json: JSON.stringify(counts) })
      .where("id", "=", link.id)
      .where("state", "=", "pending")
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AppError("privacy-link-invalid");
    await recordAuditEvent(trx, deps.clock, anonymous, {
      action: "privacy.erase-link",
      entityType: "privacy-subject",
      entityId: link.subject.ref,
      after: { counts },
    });
    return { ref: link.subject.ref, counts };
  });
}
