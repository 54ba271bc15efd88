import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { Answers } from "./check-answers.ts";
import { listQuestions } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { applyTally } from "./tallies.ts";

/** Removes one response for good (a respondent's request), and its counts; the audit keeps that it happened. */
export async function deleteResponse(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  responseId: string,
): Promise<void> {
  requireSecretariat(actor);
  const survey = await findSurvey(deps.db, surveyId);
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("survey_responses")
      .select(["status", "answers_json", "excluded_at"])
      .where("id", "=", responseId)
      .where("survey_id", "=", survey.id)
      .executeTakeFirst();
    if (!row) throw new AppError("not-found");
    // An excluded response was taken out of the counters when it was marked.
    if (row.status === "complete" && row.excluded_at === null)
      await applyTally(
        trx,
        survey.id,
        responseId,
        listQuestions(survey.definition),
        JSON.parse(row.answers_json) as Answers,
        -1,
      );
    await trx.deleteFrom("survey_responses").where("id", "=", responseId).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey-response.delete",
      entityType: "survey_response",
      entityId: responseId,
      after: { surveyId },
    });
  });
}
