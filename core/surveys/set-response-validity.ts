import { z } from "zod";
import { type Actor, actorId, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { Answers } from "./check-answers.ts";
import { listQuestions } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { applyTally } from "./tallies.ts";

/** Why a response is not counted (有効回答から除外する理由). */
export const exclusionReasons = ["duplicate", "test", "out-of-scope", "other"] as const;
export type ExclusionReason = (typeof exclusionReasons)[number];

export const responseValiditySchema = z.discriminatedUnion("valid", [
  z.object({ valid: z.literal(true) }),
  z.object({
    valid: z.literal(false),
    reason: z.enum(exclusionReasons),
    note: z.string().trim().max(500).optional(),
  }),
]);
export type ResponseValidityInput = z.input<typeof responseValiditySchema>;

/**
 * Marks a complete response invalid (a duplicate, a test, out of scope) with a reason, or counts
 * it again. An invalid response keeps its answers but leaves the running counters, its texts and
 * every breakdown, so results, suppression and the report are computed over the valid set only
 * (docs/survey-counting.md §7). Both directions are audited with the reason.
 */
export async function setResponseValidity(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  responseId: string,
  input: ResponseValidityInput,
): Promise<{ id: string; valid: boolean }> {
  requireSecretariat(actor);
  const data = parseInput(responseValiditySchema, input);
  const survey = await findSurvey(deps.db, surveyId);
  const questions = listQuestions(survey.definition);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("survey_responses")
      .select(["status", "answers_json", "excluded_at", "excluded_reason", "excluded_note"])
      .where("id", "=", responseId)
      .where("survey_id", "=", survey.id)
      .executeTakeFirst();
    if (!row) throw new AppError("not-found");
    // A partial response is counted nowhere yet: there is nothing to exclude.
    if (row.status !== "complete")
      throw new AppError("validation-failed", { fields: [{ field: "responseId", code: "survey-response-partial" }] });
    const excluded = row.excluded_at !== null;
    const before = { excluded, reason: row.excluded_reason, note: row.excluded_note };
    const answers = JSON.parse(row.answers_json) as Answers;
    if (data.valid) {
      if (!excluded) return;
      // The conditional update decides a race between two secretariat members: counted once.
      const done = await trx
        .updateTable("survey_responses")
        .set({ excluded_at: null, excluded_reason: null, excluded_note: null, excluded_by: null })
        .where("id", "=", responseId)
        .where("excluded_at", "is not", null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return;
      await applyTally(trx, survey.id, responseId, questions, answers, 1);
    } else {
      const done = await trx
        .updateTable("survey_responses")
        .set({
          excluded_at: excluded ? row.excluded_at : now,
          excluded_reason: data.reason,
          excluded_note: data.note || null,
          excluded_by: actorId(actor),
        })
        .where("id", "=", responseId)
        .where("excluded_at", excluded ? "is not" : "is", null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw new AppError("conflict");
      if (!excluded) {
        await applyTally(trx, survey.id, responseId, questions, answers, -1);
        // Its texts leave the lists too; their reviews stay, keyed by response, for a later restore.
        await trx.deleteFrom("survey_response_texts").where("response_id", "=", responseId).execute();
      }
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: data.valid ? "survey-response.restore" : "survey-response.exclude",
      entityType: "survey_response",
      entityId: responseId,
      before,
      after: data.valid
        ? { surveyId, excluded: false }
        : { surveyId, excluded: true, reason: data.reason, note: data.note ?? null },
    });
  });
  return { id: responseId, valid: data.valid };
}
