import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "../sharing/deps.ts";
import { findCarriedPost } from "./carried-post.ts";
import { type Audience, mailingInputSchema, scheduledInstant } from "./mailing-input.ts";

/**
 * The secretariat writes a mailing (a draft until it is submitted and approved). A planned send
 * time may be kept with the draft; submitting fixes the time (the planned one unless another is given).
 */
export async function createMailing(
  deps: Pick<SharingDeps, "db" | "clock" | "shared">,
  actor: Actor,
  input: unknown,
): Promise<{ id: string }> {
  requireSecretariat(actor);
  const mailing = parseInput(mailingInputSchema, input);
  await checkAudienceExists(deps.db, mailing.audience);
  if (mailing.postId && !(await findCarriedPost(deps, mailing.postId, { publishedOnly: true })))
    throw new AppError("validation-failed", { fields: [{ field: "postId", code: "mailings-unknown-post" }] });
  const now = deps.clock.now().toISOString();
  const id = newId(deps.clock.now().getTime());
  const scheduledAt = mailing.scheduledAt ? scheduledInstant(mailing.scheduledAt, deps.clock.now()) : null;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("mailings")
      .values({
        id,
        subject: mailing.subject,
        body_template: mailing.bodyTemplate,
        subject_en: mailing.subjectEn,
        body_template_en: mailing.bodyTemplateEn,
        audience_json: JSON.stringify(mailing.audience),
        post_id: mailing.postId,
        status: "draft",
        created_by: authorOf(actor),
        requested_by: null,
        approved_by: null,
        approved_at: null,
        scheduled_at: scheduledAt,
        started_at: null,
        finished_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "mailing.create",
      entityType: "mailing",
      entityId: id,
      after: { subject: mailing.subject, subjectEn: mailing.subjectEn, audience: mailing.audience, scheduledAt },
    });
  });
  return { id };
}

/**
 * The group, seminar, survey or people an audience names must exist: an audience that can never
 * reach anyone is a mistake to say now, not a mailing that silently goes to nobody.
 */
async function checkAudienceExists(db: Kysely<DB>, audience: Audience): Promise<void> {
  const unknown = (field: string) =>
    new AppError("validation-failed", { fields: [{ field: `audience.${field}`, code: "mailings-unknown-audience" }] });
  switch (audience.kind) {
    case "group":
      if (!(await db.selectFrom("groups").select("id").where("id", "=", audience.groupId).executeTakeFirst()))
        throw unknown("groupId");
      return;
    case "event-registrants":
    case "event-attendees":
      if (!(await db.selectFrom("events").select("id").where("id", "=", audience.eventId).executeTakeFirst()))
        throw unknown("eventId");
      return;
    case "survey-non-respondents":
      if (!(await db.selectFrom("surveys").select("id").where("id", "=", audience.surveyId).executeTakeFirst()))
        throw unknown("surveyId");
      return;
    case "hand-picked": {
      const wanted = [...new Set(audience.personIds)];
      let found = 0;
      for (let i = 0; i < wanted.length; i += 500) {
        const row = await db
          .selectFrom("people")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("id", "in", wanted.slice(i, i + 500))
          .executeTakeFirstOrThrow();
        found += Number(row.n);
      }
      if (found !== wanted.length) throw unknown("personIds");
      return;
    }
    default:
      return;
  }
}
