import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { SurveysDeps } from "./deps.ts";

/** Removes one response for good (a respondent's request); the audit keeps that it happened. */
export async function deleteResponse(deps: SurveysDeps, actor: Actor, surveyId: string, responseId: string): Promise<void> {
  requireSecretariat(actor);
  await deps.db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("survey_responses").where("id", "=", responseId).where("survey_id", "=", surveyId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) !== 1) throw new AppError("not-found");
    await recordAuditEvent(trx, deps.clock, actor, { action: "survey-response.delete", entityType: "survey_response", entityId: responseId, after: { surveyId } });
  });
}
