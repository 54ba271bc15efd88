import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { listQuestions, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey, isAcceptingAnswers } from "./find-survey.ts";
import type { ExclusionReason } from "./set-response-validity.ts";

const rate = (part: number, whole: number) => (whole ? Math.round((part / whole) * 1000) / 10 : null);

/**
 * A survey for the secretariat: settings, questions, progress of responses and invitations, the
 * responses marked invalid, and the response rate against invitations for the survey and for
 * each invited organisation. Responses never name their invitation (anonymity, ADR 009), so an
 * organisation's rate counts its answered invitations; the survey's valid rate (有効回答率) is
 * given for invitation-only surveys, where every response came through an invitation.
 */
export async function getSurveyOverview(deps: SurveysDeps, actor: Actor, surveyId: string, locale: Locale = "ja") {
  requireSecretariat(actor);
  const survey = await findSurvey(deps.db, surveyId);
  const responses = await deps.db
    .selectFrom("survey_responses")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("survey_id", "=", survey.id)
    .where("excluded_at", "is", null)
    .groupBy("status")
    .execute();
  const excluded = await deps.db
    .selectFrom("survey_responses")
    .select(["id", "excluded_at", "excluded_reason", "excluded_note", "completed_at"])
    .where("survey_id", "=", survey.id)
    .where("excluded_at", "is not", null)
    .orderBy("excluded_at")
    .orderBy("id")
    .execute();
  const invitations = await deps.db
    .selectFrom("survey_invitations")
    .select(["id", "email", "state", "invited_at", "reminded_at", "reminder_count", "organisation_id"])
    .where("survey_id", "=", survey.id)
    .orderBy("email")
    .execute();
  const count = (state: string) => invitations.filter((i) => i.state === state).length;
  const organisationIds = [...new Set(invitations.flatMap((i) => (i.organisation_id ? [i.organisation_id] : [])))];
  const names = organisationIds.length
    ? await deps.db.selectFrom("organisations").select(["id", "name"]).where("id", "in", organisationIds).execute()
    : [];
  const byOrganisation = organisationIds
    .map((id) => {
      const mine = invitations.filter((i) => i.organisation_id === id);
      const completed = mine.filter((i) => i.state === "completed").length;
      return {
        organisationId: id,
        name: names.find((n) => n.id === id)?.name ?? "",
        invited: mine.length,
        completed,
        rate: rate(completed, mine.length),
      };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const valid = Number(responses.find((r) => r.status === "complete")?.n ?? 0);
  return {
    id: survey.id,
    title: survey.title,
    template: survey.template,
    access: survey.access,
    status: survey.status,
    eventId: survey.event_id,
    opensAt: survey.opens_at,
    closesAt: survey.closes_at,
    accepting: isAcceptingAnswers(survey, deps.clock.now()),
    questions: listQuestions(survey.definition, locale),
    definition: survey.definition,
    responses: {
      /** valid responses (有効回答): complete and not marked invalid */
      complete: valid,
      partial: Number(responses.find((r) => r.status === "partial")?.n ?? 0),
      excluded: excluded.length,
      excludedList: excluded.map((r) => ({
        id: r.id,
        excludedAt: r.excluded_at!,
        reason: r.excluded_reason as ExclusionReason,
        note: r.excluded_note,
        completedAt: r.completed_at,
      })),
    },
    invitations: {
      invited: invitations.length,
      started: count("started"),
      completed: count("completed"),
      /** answered invitations over invitations, in per cent (null without invitations) */
      rate: rate(count("completed"), invitations.length),
      /** valid responses over invitations: only where every response came through an invitation */
      validRate: survey.access === "invitation" ? rate(valid, invitations.length) : null,
      byOrganisation,
      list: invitations.map((i) => ({
        id: i.id,
        email: i.email,
        state: i.state,
        invitedAt: i.invited_at,
        remindedAt: i.reminded_at,
        reminders: i.reminder_count,
      })),
    },
  };
}
