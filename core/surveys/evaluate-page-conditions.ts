/**
 * The answering page's live conditions, computed by survey-core on the server: the page's
 * script posts the page as it stands and shows, hides, enables and marks questions as told. The
 * browser therefore follows exactly the expressions the server judges answers by (compound
 * conditions, functions, `{a} > 3`…), without shipping survey-core (1.4 MB) to the phone.
 * Nothing is saved.
 */
import { mergePageAnswers, type PostedFields } from "./answer-form-fields.ts";
import { answeringPage, questionStates } from "./answering-page.ts";
import { checkAnswers } from "./check-answers.ts";
import { listElements, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { openSurveyForAnswering } from "./open-survey-for-answering.ts";
import { surveyModel } from "./survey-model.ts";

export interface QuestionState {
  name: string;
  shown: boolean;
  enabled: boolean;
  required: boolean;
  display: string;
}

export async function evaluatePageConditions(
  deps: SurveysDeps,
  input: {
    surveyId: string;
    form: PostedFields;
    invitationToken?: string | null;
    resumeSecret?: string | null;
    locale: Locale;
  },
): Promise<{ questions: QuestionState[] }> {
  const answering = await openSurveyForAnswering(deps, {
    surveyId: input.surveyId,
    invitationToken: input.invitationToken,
    resumeSecret: input.resumeSecret,
  });
  const definition = answering.survey.definition;
  const page = Number(input.form.get("_page"));
  const view = answeringPage(definition, answering.answers, Number.isInteger(page) ? page : 0, input.locale);
  const answers = mergePageAnswers(answering.answers, view.questions, input.form);
  // The same cleaning as a save (values typed as SurveyJS stores them, hidden answers dropped).
  const { data } = checkAnswers(definition, answers, { locale: input.locale, pages: [] });
  const onPage = listElements(definition, input.locale).filter((q) => q.page === view.page);
  const states = questionStates(surveyModel(definition, data, input.locale), onPage);
  return { questions: onPage.map((q) => ({ name: q.name, ...states.get(q.name)! })) };
}
