import { type Actor, isSecretariat, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { type CrossTab, crossTabulate, type QuestionResult, resultsFromTallies } from "./aggregate-answers.ts";
import { isSingleChoice, listQuestions, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { loadCompleteAnswers } from "./load-answers.ts";

export interface ComputeResultsOptions {
  locale?: Locale;
  /** Break `crossQuestion` (or every question) down by this single-choice question. */
  by?: string;
  crossQuestion?: string;
  /** For exports and pages meant for sharing: small cells are suppressed even for the secretariat. */
  forSharing?: boolean;
}

/** A free text with the secretariat's review (docs/survey-counting.md §6). */
export interface ReviewedText {
  responseId: string;
  question: string;
  kind: "other" | "text";
  text: string;
  /** pending (never reviewed: hidden from views for sharing) | approved | redacted | hidden */
  decision: "pending" | "approved" | "redacted" | "hidden";
  sharedText: string | null;
}

export interface SurveyResults {
  id: string;
  title: string;
  /** valid responses (有効回答): complete and not marked invalid; every figure is over these */
  responses: number;
  /** complete responses the secretariat marked invalid, left out of every figure */
  excluded: number;
  questions: QuestionResult[];
  crossTabs: CrossTab[];
  suppressed: boolean;
  /** Every free text and its review, for the secretariat's own view; empty in views for sharing. */
  textReviews: ReviewedText[];
}

/** What a view for sharing shows of a text: the approved original, the redacted wording, or nothing. */
function sharedWording(t: { text: string; decision: string | null; shared_text: string | null }): string | null {
  if (t.decision === "approved") return t.text;
  if (t.decision === "redacted") return t.shared_text;
  return null;
}

/**
 * The results of a survey's valid responses (complete, not marked invalid): per question its base, counts and percentages,
 * "other" and free texts, combined categories; optionally cross-tabulated. Views for sharing
 * (`forSharing`) hide small breakdown cells and every figure that would give one away, and show
 * free texts only as the secretariat reviewed them (docs/survey-counting.md §4, §6).
 */
export async function computeResults(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  options: ComputeResultsOptions = {},
): Promise<SurveyResults> {
  requireSignedIn(actor);
  if (!isSecretariat(actor)) throw new AppError("forbidden");
  const survey = await findSurvey(deps.db, surveyId);
  const locale = options.locale ?? "ja";
  const questions = listQuestions(survey.definition, locale);
  // Whole-sample figures come from the running counters; breakdowns need every answer set.
  const [counters, texts, total] = await Promise.all([
    deps.db
      .selectFrom("survey_tallies")
      .select(["question", "row_key", "value", "count"])
      .where("survey_id", "=", survey.id)
      .execute(),
    deps.db
      .selectFrom("survey_response_texts as t")
      .leftJoin("survey_text_reviews as r", (j) =>
        j
          .onRef("r.response_id", "=", "t.response_id")
          .onRef("r.question", "=", "t.question")
          .onRef("r.kind", "=", "t.kind"),
      )
      .select(["t.response_id", "t.question", "t.kind", "t.text", "r.decision", "r.shared_text"])
      .where("t.survey_id", "=", survey.id)
      .orderBy("t.response_id")
      .orderBy("t.id")
      .execute(),
    deps.db
      .selectFrom("survey_responses")
      .select([(eb) => eb.fn.countAll<number>().as("n"), (eb) => eb.fn.count<number>("excluded_at").as("excluded")])
      .where("survey_id", "=", survey.id)
      .where("status", "=", "complete")
      .executeTakeFirstOrThrow(),
  ]);
  const suppress = Boolean(options.forSharing) || !isSecretariat(actor);
  // Outside the secretariat a free text appears only as reviewed: unreviewed texts stay hidden.
  const shownTexts = suppress
    ? texts.flatMap((t) => {
        const wording = sharedWording(t);
        return wording === null ? [] : [{ question: t.question, kind: t.kind, text: wording }];
      })
    : texts;
  const excluded = Number(total.excluded);
  const whole = {
    responses: Number(total.n) - excluded,
    questions: resultsFromTallies(questions, counters, shownTexts, locale),
  };
  const textReviews: ReviewedText[] = suppress
    ? []
    : texts.map((t) => ({
        responseId: t.response_id,
        question: t.question,
        kind: t.kind === "other" ? "other" : "text",
        text: t.text,
        decision: (t.decision ?? "pending") as ReviewedText["decision"],
        sharedText: t.shared_text,
      }));
  let crossTabs: CrossTab[] = [];
  if (options.by) {
    const by = questions.find((q) => q.name === options.by);
    if (!by || !isSingleChoice(by))
      throw new AppError("validation-failed", { fields: [{ field: "by", code: "survey-cross-by" }] });
    const targets = options.crossQuestion
      ? questions.filter((q) => q.name === options.crossQuestion)
      : questions.filter((q) => q.name !== by.name);
    if (!targets.length) throw new AppError("validation-failed", { fields: [{ field: "question", code: "choice" }] });
    const answers = await loadCompleteAnswers(deps.db, survey.id);
    crossTabs = targets.map((q) => crossTabulate(questions, answers, by.name, q.name, { locale, suppress }));
  }
  return {
    id: survey.id,
    title: survey.title,
    responses: whole.responses,
    excluded,
    questions: whole.questions,
    crossTabs,
    suppressed: suppress,
    textReviews,
  };
}
