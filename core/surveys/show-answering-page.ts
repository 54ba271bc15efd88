/**
 * The answering page's flow (short URL /s/<survey id>, invitations add ?i=<token>): which
 * screen a respondent sees — a page of questions, resumed where they stopped, or why they
 * cannot answer. The route only reads the request and draws the screen.
 */
import { type Actor, isSecretariat } from "../accounts/actor.ts";
import { answeringPage, type PageView } from "./answering-page.ts";
import type { Answers } from "./check-answers.ts";
import type { Locale } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { openSurveyForAnswering } from "./open-survey-for-answering.ts";

export type AnsweringStatus = "answering" | "closed" | "answered" | "invalid" | "done";

export interface AnsweringScreen {
  status: AnsweringStatus;
  preview: boolean;
  title: string;
  surveyId: string;
  token: string | null;
  view: PageView | null;
  values: Answers;
  /** Per question name, the message shown beside it (`_email`: the resume-link form's address). */
  errors: Record<string, string>;
  /** A public survey: the respondent may ask for a link to go on on another device. */
  canMailLink?: boolean;
  notice?: "resume-mailed";
}

export interface ShowAnsweringPageInput {
  surveyId: string;
  /** The page asked for; absent: where the respondent stopped (page 1 the first time). */
  page: number | null;
  preview?: boolean;
  done?: boolean;
  invitationToken?: string | null;
  resumeSecret?: string | null;
  locale: Locale;
}

/** A page number from the query string: a small non-negative integer, else none. */
export function pageNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < 1000 ? n : null;
}

export async function showAnsweringPage(
  deps: SurveysDeps,
  actor: Actor,
  input: ShowAnsweringPageInput,
): Promise<AnsweringScreen> {
  if (input.preview && isSecretariat(actor)) {
    // The secretariat previews any survey, drafts included, page by page; nothing is saved.
    const survey = await findSurvey(deps.db, input.surveyId);
    return {
      status: "answering",
      preview: true,
      title: survey.title,
      surveyId: survey.id,
      token: null,
      view: answeringPage(survey.definition, {}, input.page ?? 0, input.locale, { showAll: true }),
      values: {},
      errors: {},
    };
  }
  const answering = await openSurveyForAnswering(deps, {
    surveyId: input.surveyId,
    invitationToken: input.invitationToken,
    resumeSecret: input.resumeSecret,
  });
  const status: AnsweringStatus = input.done
    ? "done"
    : answering.invitation === "invalid"
      ? "invalid"
      : answering.invitation === "answered"
        ? "answered"
        : !answering.accepting
          ? "closed"
          : "answering";
  return {
    status,
    preview: false,
    title: answering.survey.title,
    surveyId: answering.survey.id,
    token: input.invitationToken ?? null,
    view:
      status === "answering"
        ? answeringPage(
            answering.survey.definition,
            answering.answers,
            input.page ?? answering.resumePage,
            input.locale,
          )
        : null,
    values: answering.answers,
    errors: {},
    canMailLink: !input.invitationToken,
  };
}
