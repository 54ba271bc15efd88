import { z } from "zod";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";

export const textReviewInput = z
  .object({
    responseId: z.string().trim().min(1).max(100),
    question: z.string().trim().min(1).max(100),
    kind: z.enum(["other", "text"]),
    /** approved: shown as written; redacted: `sharedText` is shown instead; hidden: never shown. */
    decision: z.enum(["approved", "redacted", "hidden"]),
    sharedText: z.string().max(2000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.decision === "redacted" && !input.sharedText?.trim()) {
      ctx.addIssue({ code: "custom", path: ["sharedText"], message: "field.required" });
    }
  });

export type TextReviewInput = z.input<typeof textReviewInput>;

/**
 * The secretariat decides how one free text appears in views for sharing (names of companies in
 * a free text identify its respondent). Until decided, the text is hidden there. Audited; the log
 * keeps the decision and the shared wording, never the original text.
 */
export async function reviewSurveyText(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  input: TextReviewInput,
): Promise<void> {
  requireSecretariat(actor);
  const review = parseInput(textReviewInput, input);
  const survey = await findSurvey(deps.db, surveyId);
  const sharedText = review.decision === "redacted" ? review.sharedText!.trim() : null;
  await deps.db.transaction().execute(async (trx) => {
    const text = await trx
      .selectFrom("survey_response_texts")
      .select("id")
      .where("survey_id", "=", survey.id)
      .where("response_id", "=", review.responseId)
      .where("question", "=", review.question)
      .where("kind", "=", review.kind)
      .executeTakeFirst();
    if (!text) throw new AppError("not-found");
    const row = {
      decision: review.decision,
      shared_text: sharedText,
      reviewed_by: authorOf(actor),
      reviewed_at: deps.clock.now().toISOString(),
    };
    await trx
      .insertInto("survey_text_reviews")
      .values({
        response_id: review.responseId,
        survey_id: survey.id,
        question: review.question,
        kind: review.kind,
        ...row,
      })
      .onConflict((oc) => oc.columns(["response_id", "question", "kind"]).doUpdateSet(row))
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "survey-text.review",
      entityType: "survey_response",
      entityId: review.responseId,
      after: {
        surveyId: survey.id,
        question: review.question,
        kind: review.kind,
        decision: review.decision,
        sharedText,
      },
    });
  });
}
