import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { listQuestions, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey, isAcceptingAnswers } from "./find-survey.ts";

/** A survey for the secretariat: settings, questions, progress of responses and invitations. */
export async function getSurveyOverview(deps: SurveysDeps, actor: Actor, surveyId: string, locale: Locale = "ja") {
  requireSecretariat(actor);
  const survey = await findSurvey(deps.db, surveyId);
  const responses = await deps.db
    .selectFrom("survey_responses")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("survey_id", "=", survey.id)
    .groupBy("status")
    .execute();
  const invitations = await deps.db
    .selectFrom("survey_invitations")
    .select(["id", "email", "state", "invited_at", "reminded_at", "reminder_count"])
    .where("survey_id", "=", survey.id)
    .orderBy("email")
    .execute();
  const count = (state: string) => invitations.filter((i) => i.state === state).length;
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
      complete: Number(responses.find((r) => r.status === "complete")?.n ?? 0),
      partial: Number(responses.find((r) => r.status === "partial")?.n ?? 0),
    },
    invitations: {
      invited: invitations.length,
      started: count("started"),
      completed: count("completed"),
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
