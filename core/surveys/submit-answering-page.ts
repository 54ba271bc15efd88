/**
 * One posted page of the answering form: its answers are merged into the saved ones and judged
 * by survey-core; "next"/"back"/"more rows" save progress (and the page to resume at), "submit"
 * completes the response. The route only sets cookies and redirects as told.
 */
import { isAppError } from "../shared/errors.ts";
import { type PostedFields, mergePageAnswers } from "./answer-form-fields.ts";
import { answeringPage } from "./answering-page.ts";
import type { Answers } from "./check-answers.ts";
import { listQuestions, type Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { openSurveyForAnswering } from "./open-survey-for-answering.ts";
import { createTranslate } from "../../i18n/index.ts";
import { mailResumeLink } from "./mail-resume-link.ts";
import { saveResponse } from "./save-response.ts";
import { SELF_CHECK } from "./templates/self-check.ts";
import { type AnsweringScreen, SELF_CHECK_RESULT_PARAMETER } from "./show-answering-page.ts";

export interface SubmitAnsweringPageInput {
  surveyId: string;
  form: PostedFields;
  invitationToken?: string | null;
  /** The browser's resume secret of a public survey (the route creates one when missing). */
  resumeSecret?: string | null;
  locale: Locale;
}

export type SubmitOutcome =
  | { kind: "redirect"; location: string; completed: boolean }
  | { kind: "screen"; screen: AnsweringScreen; status: number };

export async function submitAnsweringPage(deps: SurveysDeps, input: SubmitAnsweringPageInput): Promise<SubmitOutcome> {
  const token = input.invitationToken || null;
  const answering = await openSurveyForAnswering(deps, {
    surveyId: input.surveyId,
    invitationToken: token,
    resumeSecret: input.resumeSecret,
  });
  const { survey } = answering;
  const page = Number(input.form.get("_page"));
  const intent = String(input.form.get("_action") ?? "next");
  const view = answeringPage(survey.definition, answering.answers, Number.isInteger(page) ? page : 0, input.locale);
  const answers = mergePageAnswers(answering.answers, view.questions, input.form);
  const secret = token ? null : (input.resumeSecret ?? null);
  const base = `/s/${survey.id}?${token ? `i=${encodeURIComponent(token)}&` : ""}`;
  const screen = (over: Partial<AnsweringScreen>): AnsweringScreen => ({
    status: "answering",
    preview: false,
    title: survey.title,
    surveyId: survey.id,
    token,
    view,
    values: answers,
    errors: {},
    canMailLink: !token,
    scored: survey.template === SELF_CHECK,
    forOrganisation: answering.forOrganisation,
    ...over,
  });
  try {
    if (intent === "mail-link" && secret) {
      // Save this page as it stands (no checks), then mail the link that opens these answers.
      await saveResponse(deps, {
        surveyId: survey.id,
        answers,
        mode: "partial",
        pages: [],
        resumeSecret: secret,
        locale: input.locale,
        resumePage: { next: view.page, onErrors: view.page },
      });
      try {
        await mailResumeLink(deps, {
          surveyId: survey.id,
          title: survey.title,
          email: input.form.get("_email"),
          resumeSecret: secret,
          locale: input.locale,
        });
      } catch (error) {
        if (!isAppError(error) || error.code !== "validation-failed") throw error;
        return {
          kind: "screen",
          status: 422,
          screen: screen({ errors: { _email: createTranslate(input.locale)("field.email") } }),
        };
      }
      return { kind: "screen", status: 200, screen: screen({ notice: "resume-mailed" }) };
    }
    if (intent === "submit" && view.next === null) {
      const saved = await saveResponse(deps, {
        surveyId: survey.id,
        answers,
        mode: "complete",
        invitationToken: token,
        resumeSecret: secret,
        locale: input.locale,
      });
      // A self-check's end page shows its score: the response's id (80 random bits) names it.
      const result = saved.selfCheck ? `&${SELF_CHECK_RESULT_PARAMETER}=${saved.id}` : "";
      return { kind: "redirect", location: `${base}done${result}`, completed: true };
    }
    const after = answeringPage(survey.definition, answers, view.page, input.locale);
    const target = intent === "back" ? after.previous : intent === "more" ? view.page : after.next;
    const saved = await saveResponse(deps, {
      surveyId: survey.id,
      answers,
      mode: "partial",
      pages: intent === "next" ? [view.page] : [],
      invitationToken: token,
      resumeSecret: secret,
      locale: input.locale,
      resumePage: { next: target ?? view.page, onErrors: view.page },
    });
    if (saved.errors.length)
      return {
        kind: "screen",
        status: 422,
        screen: screen({ errors: Object.fromEntries(saved.errors.map((e) => [e.question, e.message])) }),
      };
    return { kind: "redirect", location: `${base}page=${target ?? view.page}`, completed: false };
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (error.code === "validation-failed") {
      // A complete submission can fail on an earlier page (answers changed since): go there.
      const errors = Object.fromEntries(error.fields.map((f) => [f.field, String(f.params?.message ?? "")]));
      const pageOf = new Map(listQuestions(survey.definition).map((q) => [q.name, q.page]));
      const first = Math.min(...error.fields.map((f) => pageOf.get(f.field) ?? view.page));
      return {
        kind: "screen",
        status: 422,
        screen: screen({ errors, view: answeringPage(survey.definition, answers, first, input.locale) }),
      };
    }
    if (error.code === "survey-closed" || error.code === "survey-answered")
      return {
        kind: "screen",
        status: 409,
        screen: screen({
          status: error.code === "survey-closed" ? "closed" : "answered",
          view: null,
          values: {} as Answers,
        }),
      };
    throw error;
  }
}
