/**
 * The answering page's HTTP details: the resume cookie of public surveys (an invitation's token
 * is its own resume secret). Reading the form is core's (core/surveys/answer-form-fields.ts).
 */
import { randomBytes } from "node:crypto";
import { readCookie, setCookie } from "../lib/request-state.server.ts";

export const resumeCookieName = (surveyId: string) => `chiiki_sr_${surveyId}`;

export function readResumeSecret(request: Request, surveyId: string): string | undefined {
  const value = readCookie(request.headers.get("cookie"), resumeCookieName(surveyId));
  return value && /^[\w-]{20,100}$/.test(value) ? value : undefined;
}

export function newResumeSecret(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * A survey id as ids are written (letters, digits, `-`, `_`): anything else names no survey, and
 * must never reach a header (a path such as `/s/✓` would make the Set-Cookie line invalid).
 */
export const wellFormedSurveyId = (surveyId: string) => /^[\w-]{1,64}$/.test(surveyId);

export function resumeCookie(surveyId: string, secret: string | null, secure: boolean): string {
  if (!wellFormedSurveyId(surveyId)) throw new Error("resumeCookie: not a survey id");
  return setCookie(resumeCookieName(surveyId), secret ?? "", {
    path: `/s/${surveyId}`,
    maxAge: secret ? 60 * 60 * 24 * 60 : 0,
    secure,
  });
}
