/**
 * Which questions one page of the answering form shows. The form goes page by page so that it
 * works without JavaScript: a question whose condition depends on an earlier page is shown or
 * left out by the server; one whose condition depends on the same page is rendered with its
 * condition, for the page's small script to show or hide (the server re-checks on submit).
 */
import type { Model } from "survey-core";
import { surveyModel } from "./survey-model.ts";
import type { Answers } from "./check-answers.ts";
import { listQuestions, type Locale, type QuestionInfo, type SurveyDefinition } from "./definition.ts";

export interface PageQuestion extends QuestionInfo {
  /** Its condition refers to this page: the client toggles it (data-visible-if). */
  live: boolean;
}

export interface PageView {
  /** 1-based position among the pages that have something to show, and their count */
  position: number;
  count: number;
  /** index into the definition's pages */
  page: number;
  previous: number | null;
  next: number | null;
  title: string;
  questions: PageQuestion[];
}

/** The names a SurveyJS expression reads: `{q6.backup}` → q6. */
export function referencedQuestions(expression: string): string[] {
  return [...expression.matchAll(/\{([^}.]+)(?:\.[^}]*)?\}/g)].map((m) => m[1]!.trim());
}

export function visiblePageIndexes(model: Model): number[] {
  return model.pages.map((p, i) => (p.isVisible ? i : -1)).filter((i) => i >= 0);
}

/** The page at `pageIndex`, or the first page after it that has something to show. */
export function answeringPage(
  definition: SurveyDefinition,
  answers: Answers,
  pageIndex: number,
  locale: Locale,
  options: { showAll?: boolean } = {},
): PageView {
  const model = surveyModel(definition, answers, locale);
  // A preview shows every page and question, whatever the conditions.
  const visible = options.showAll ? model.pages.map((_, i) => i) : visiblePageIndexes(model);
  const page = visible.find((i) => i >= pageIndex) ?? visible[visible.length - 1] ?? 0;
  const position = visible.indexOf(page);
  const all = listQuestions(definition, locale);
  const onPage = all.filter((q) => q.page === page);
  const names = new Set(onPage.map((q) => q.name));
  const questions = onPage
    .map((q) => ({ ...q, live: Boolean(q.visibleIf && referencedQuestions(q.visibleIf).some((n) => names.has(n))) }))
    .filter((q) => options.showAll || q.live || model.getQuestionByName(q.name)?.isVisible);
  const rawTitle = (definition.pages?.[page]?.title ?? "") as string | Record<string, string>;
  const title = typeof rawTitle === "string" ? rawTitle : (rawTitle[locale] ?? rawTitle.ja ?? rawTitle.default ?? "");
  return {
    position: position + 1,
    count: visible.length,
    page,
    previous: position > 0 ? visible[position - 1]! : null,
    next: position < visible.length - 1 ? visible[position + 1]! : null,
    title,
    questions,
  };
}
