import type { Actor } from "../accounts/actor.ts";
import { createSurvey } from "./create-survey.ts";
import type { SurveysDeps } from "./deps.ts";
import { TALK_FEEDBACK } from "./templates/talk-feedback.ts";

/**
 * The per-talk feedback survey of a seminar (called by the events capability): one five-point
 * usefulness rating per talk (row value = the talk's id) and a comment, open and public at once.
 */
export async function createTalkFeedbackSurvey(
  deps: SurveysDeps,
  actor: Actor,
  input: { eventId: string; title: string; talks: { id: string; title: string }[] },
): Promise<{ id: string }> {
  return createSurvey(deps, actor, {
    template: TALK_FEEDBACK,
    title: input.title,
    eventId: input.eventId,
    talks: input.talks,
  });
}
