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
import { type SelfCheckScore, scoreSelfCheck } from "./self-check-score.ts";
import { SELF_CHECK } from "./templates/self-check.ts";

/** The end page's query parameter naming a completed self-check response (`?done&result=<id>`; `r` is the resume link's). */
export const SELF_CHECK_RESULT_PARAMETER = "result";

/** How long after completing a self-check its end page still shows the score. */
const SELF_CHECK_RESULT_HOURS = 24;

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
  /** The survey is IPA's 自社診断: scored, and kept on the organisation's record when invited for one. */
  scored?: boolean;
  /** …and the invitation names the organisation whose record will keep the score. */
  forOrganisation?: boolean;
  /** The end page of a completed 自社診断: its score, band and what to do next (docs/self-check.md). */
  selfCheck?: SelfCheckScore;
}

export interface ShowAnsweringPageInput {
  surveyId: string;
  /** The page asked for; absent: where the respondent stopped (page 1 the first time). */
  page: number | null;
  preview?: boolean;
  done?: boolean;
  invitationToken?: string | null;
  resumeSecret?: string | null;
  /** The end page of a self-check: the completed response whose score to show. */
  responseId?: string | null;
  locale: Locale;
}

/** A page number from the query string: a small non-negative integer, else none. */
export function pageNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n < 1000 ? n : null;
}

/**
 * The score of a self-check completed within the last 24 hours, read again from its stored
 * answers: the end page shows what the server computed, never a figure from the address.
 */
async function completedSelfCheck(
  deps: SurveysDeps,
  surveyId: string,
  responseId: string,
): Promise<SelfCheckScore | undefined> {
  if (!/^[0-9a-z]{26}$/.test(responseId)) return undefined;
  const since = new Date(deps.clock.now().getTime() - SELF_CHECK_RESULT_HOURS * 3_600_000).toISOString();
  const row = await deps.db
    .selectFrom("survey_responses")
    .innerJoin("surveys", "surveys.id", "survey_responses.survey_id")
    .select(["survey_responses.answers_json"])
    .where("survey_responses.id", "=", responseId)
    .where("survey_responses.survey_id", "=", surveyId)
    .where("survey_responses.status", "=", "complete")
    .where("survey_responses.completed_at", ">=", since)
    .where("surveys.template", "=", SELF_CHECK)
    .executeTakeFirst();
  return (row && scoreSelfCheck(JSON.parse(row.answers_json))) || undefined;
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
  const selfCheck =
    status === "done" && input.responseId
      ? await completedSelfCheck(deps, answering.survey.id, input.responseId)
      : undefined;
  return {
    ...(selfCheck ? { selfCheck } : {}),
    scored: answering.survey.template === SELF_CHECK,
    forOrganisation: answering.forOrganisation,
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
