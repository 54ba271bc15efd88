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
  // Whole-sample figures come from the running counters; breakdowns need every answer set.
  const [counters, texts, total] = await Promise.all([
    deps.db.selectFrom("survey_tallies").select(["question", "row_key", "value", "count"]).where("survey_id", "=", survey.id).execute(),
    deps.db.selectFrom("survey_response_texts").select(["question", "kind", "text"]).where("survey_id", "=", survey.id).orderBy("response_id").orderBy("id").execute(),
    deps.db.selectFrom("survey_responses").select((eb) => eb.fn.countAll<number>().as("n")).where("survey_id", "=", survey.id).where("status", "=", "complete").executeTakeFirstOrThrow(),
  ]);
  const whole = { responses: Number(total.n), questions: resultsFromTallies(questions, counters, texts, locale) };
  const suppress = Boolean(options.forSharing) || !isSecretariat(actor);
  let crossTabs: CrossTab[] = [];
  if (options.by) {
    const by = questions.find((q) => q.name === options.by);
    if (!by || !isSingleChoice(by)) throw new AppError("validation-failed", { fields: [{ field: "by", code: "survey-cross-by" }] });
    const targets = options.crossQuestion ? questions.filter((q) => q.name === options.crossQuestion) : questions.filter((q) => q.name !== by.name);
    if (!targets.length) throw new AppError("validation-failed", { fields: [{ field: "question", code: "choice" }] });
    const answers = await loadCompleteAnswers(deps.db, survey.id);
    crossTabs = targets.map((q) => crossTabulate(questions, answers, by.name, q.name, { locale, suppress }));
  }
  return { id: survey.id, title: survey.title, responses: whole.responses, questions: whole.questions, crossTabs, suppressed: suppress };
}
