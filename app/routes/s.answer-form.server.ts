/**
 * The answering form's HTTP details: reading a page's fields into SurveyJS's data shape, and the
 * resume cookie of public surveys.
 */
import { randomBytes } from "node:crypto";
import type { Answers } from "#core/surveys/check-answers.ts";
import type { PageQuestion } from "#core/surveys/answering-page.ts";
import { readCookie } from "../lib/request-state.server.ts";
import { MATRIX_SEPARATOR } from "../lib/answer-form-names.ts";

/** This page's answers replace what was saved for its questions; other pages' answers stay. */
export function mergePageAnswers(saved: Answers, questions: PageQuestion[], form: FormData): Answers {
  const merged: Answers = { ...saved };
  for (const q of questions) {
    delete merged[q.name];
    delete merged[`${q.name}-Comment`];
    let value: unknown;
    if (q.type === "checkbox") value = form.getAll(q.name).map(String);
    else if (q.type === "matrix") {
      value = Object.fromEntries(
        q.rows
          .map((r) => [r.value, form.get(`${q.name}${MATRIX_SEPARATOR}${r.value}`)])
          .filter(([, v]) => typeof v === "string" && v),
      );
    } else value = form.get(q.name) ?? undefined;
    if (value !== undefined && value !== null && value !== "") merged[q.name] = value;
    const comment = form.get(`${q.name}-Comment`);
    if (q.hasOther && typeof comment === "string" && comment.trim()) merged[`${q.name}-Comment`] = comment;
  }
  return merged;
}

export const resumeCookieName = (surveyId: string) => `chiiki_sr_${surveyId}`;

export function readResumeSecret(request: Request, surveyId: string): string | undefined {
  const value = readCookie(request.headers.get("cookie"), resumeCookieName(surveyId));
  return value && /^[\w-]{20,100}$/.test(value) ? value : undefined;
}

export function newResumeSecret(): string {
  return randomBytes(24).toString("base64url");
}

export function resumeCookie(surveyId: string, secret: string | null, secure: boolean): string {
  const base = `${resumeCookieName(surveyId)}=${secret ?? ""}; Path=/s/${surveyId}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
  return secret ? `${base}; Max-Age=${60 * 60 * 24 * 60}` : `${base}; Max-Age=0`;
}
