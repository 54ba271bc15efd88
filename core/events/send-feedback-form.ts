import { dialectOf } from "../../db/dialect.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { createTalkFeedbackSurvey } from "../surveys/create-talk-feedback-survey.ts";
import type { EventsDeps } from "./deps.ts";
import { mailRegistrant } from "./seat-allocation.ts";

/**
 * After the event: the per-talk feedback form (a survey of the surveys capability, one rating per
 * talk on questionnaire q16's scale plus a comment) is created once from the programme and mailed
 * to every attendee — checked in at the door or in the online tool's attendance list. Sending
 * again mails only attendees added since (one feedback mail per registration, ever).
 */
export async function sendFeedbackForm(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
): Promise<{ surveyId: string; mailed: number }> {
  requireSecretariat(actor);
  const event = await deps.db.selectFrom("events").selectAll().where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  if (deps.clock.now().toISOString() < event.ends_at)
    throw new AppError("event-not-ended", { fields: [{ field: "_", code: "events-not-ended" }] });
  let surveyId = event.feedback_survey_id;
  if (!surveyId) {
    const talks = await deps.db
      .selectFrom("event_sessions")
      .select(["id", "title"])
      .where("event_id", "=", eventId)
      .orderBy("position")
      .execute();
    if (!talks.length) throw new AppError("event-no-talks", { fields: [{ field: "_", code: "events-no-talks" }] });
    // The surveys capability writes its survey in its own transaction; the link is stored after.
    const survey = await createTalkFeedbackSurvey(
      { db: deps.db, dialect: dialectOf(deps.db), clock: deps.clock, baseUrl: deps.baseUrl },
      actor,
      { eventId, title: `${event.title} 講演アンケート`, talks },
    );
    surveyId = survey.id;
  }
  const feedbackUrl = `${deps.baseUrl}/s/${surveyId}`;
  const mailed = await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable("events")
      .set({ feedback_survey_id: surveyId, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", eventId)
      .execute();
    const attendees = await trx
      .selectFrom("registrations")
      .selectAll()
      .where("event_id", "=", eventId)
      .where("status", "=", "confirmed")
      .where((eb) => eb.or([eb("checked_in_at", "is not", null), eb("attended_online", "=", 1)]))
      .orderBy("arrival_sequence")
      .execute();
    let count = 0;
    for (const registration of attendees) {
      const before = await trx
        .selectFrom("outbox_messages")
        .select("id")
        .where("dedupe_key", "=", `event-feedback:${registration.id}`)
        .executeTakeFirst();
      if (before) continue;
      await mailRegistrant(trx, deps, registration, "feedback", {
        dedupeKey: `event-feedback:${registration.id}`,
        feedbackUrl,
      });
      count++;
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.feedback.send",
      entityType: "event",
      entityId: eventId,
      after: { surveyId, mailed: count },
    });
    return count;
  });
  deps.onMailQueued?.();
  return { surveyId: surveyId!, mailed };
}
