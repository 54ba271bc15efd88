import { newId } from "../../db/ids.ts";
import { type Actor, actorId, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { mailingInputSchema } from "./mailing-input.ts";

/** The secretariat writes a mailing (a draft until it is submitted and approved). */
export async function createMailing(deps: Pick<SharingDeps, "db" | "clock">, actor: Actor, input: unknown): Promise<{ id: string }> {
  requireSecretariat(actor);
  const mailing = parseInput(mailingInputSchema, input);
  if (mailing.postId) {
    const post = await deps.db.selectFrom("posts").select("id").where("id", "=", mailing.postId).where("status", "=", "published").executeTakeFirst();
    if (!post) throw new AppError("validation-failed", { fields: [{ field: "postId", code: "mailings-unknown-post" }] });
  }
  const now = deps.clock.now().toISOString();
  const id = newId(deps.clock.now().getTime());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("mailings")
      .values({
        id, subject: mailing.subject, body_template: mailing.bodyTemplate, audience_json: JSON.stringify(mailing.audience), post_id: mailing.postId,
        status: "draft", created_by: actorId(actor), requested_by: null, approved_by: null, approved_at: null, scheduled_at: null,
        started_at: null, finished_at: null, created_at: now, updated_at: now,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, { action: "mailing.create", entityType: "mailing", entityId: id, after: { subject: mailing.subject, audience: mailing.audience } });
  });
  return { id };
}
