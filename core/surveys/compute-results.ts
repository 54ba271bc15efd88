import { type Actor, isSecretariat, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { aggregateAnswers, type CrossTab, crossTabulate, type QuestionResult } from "./aggregate-answers.ts";
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

export interface SurveyResults {
  id: string;
  title: string;
  responses: number;
  questions: QuestionResult[];
  crossTabs: CrossTab[];
  suppressed: boolean;
}

/**
 * The results of a survey's complete responses: per question its base, counts and percentages,
 * "other" and free texts, combined categories; optionally cross-tabulated. Breakdowns hide cells
 * of fewer than five respondents for anyone but the secretariat and whenever `forSharing`.
 */
export async function computeResults(deps: SurveysDeps, actor: Actor, surveyId: string, options: ComputeResultsOptions = {}): Promise<SurveyResults> {
  requireSignedIn(actor);
  if (!isSecretariat(actor)) throw new AppError("forbidden");
  const survey = await findSurvey(deps.db, surveyId);
  const locale = options.locale ?? "ja";
  const questions = listQuestions(survey.definition, locale);
  const answers = await loadCompleteAnswers(deps.db, survey.id);
  const whole = aggregateAnswers(questions, answers, locale);
  const suppress = Boolean(options.forSharing) || !isSecretariat(actor);
  let crossTabs: CrossTab[] = [];
  if (options.by) {
    const by = questions.find((q) => q.name === options.by);
    if (!by || !isSingleChoice(by)) throw new AppError("validation-failed", { fields: [{ field: "by", code: "survey-cross-by" }] });
    const targets = options.crossQuestion ? questions.filter((q) => q.name === options.crossQuestion) : questions.filter((q) => q.name !== by.name);
    if (!targets.length) throw new AppError("validation-failed", { fields: [{ field: "question", code: "choice" }] });
    crossTabs = targets.map((q) => crossTabulate(questions, answers, by.name, q.name, { locale, suppress }));
  }
  return { id: survey.id, title: survey.title, responses: whole.responses, questions: whole.questions, crossTabs, suppressed: suppress };
}
