/**
 * Which questions one page of the answering form shows, and in which state. The form goes page
 * by page so that it works without JavaScript: a question whose conditions depend on an earlier
 * page is shown or left out by the server; one whose conditions depend on the same page is
 * rendered with its current state, and the page's small script asks the server again when an
 * answer changes (evaluate-page-conditions.ts), so the browser follows survey-core's own
 * expressions. The server re-checks everything on submit.
 */
import type { Model } from "survey-core";
import { surveyModel } from "./survey-model.ts";
import type { Answers } from "./check-answers.ts";
import { shownIn } from "./check-answers.ts";
import { listElements, type Locale, type QuestionInfo, type SurveyDefinition, textOf } from "./definition.ts";

export interface PageQuestion extends QuestionInfo {
  /** Position on the page: the DOM ids are built from it when the name is not a plain code. */
  index: number;
  /** Some condition refers to this page: the client updates its state as answers change. */
  live: boolean;
  /** Its state for the answers known now (survey-core: visibleIf, enableIf, requiredIf). */
  shown: boolean;
  enabled: boolean;
  /** expression: the computed value as SurveyJS displays it. */
  display: string;
  /** matrixdynamic rows / paneldynamic panels to draw (the saved ones and one empty). */
  entries: number;
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

/** The names a SurveyJS expression reads: `{q6.backup}` → q6, `{会社 規模}` → 会社 規模. */
export function referencedQuestions(expression: string): string[] {
  return [...expression.matchAll(/\{([^}.[]+)(?:[.[][^}]*)?\}/g)].map((m) => m[1]!.trim());
}

export function visiblePageIndexes(model: Model): number[] {
  return model.pages.map((p, i) => (p.isVisible ? i : -1)).filter((i) => i >= 0);
}

/** A question name usable in an HTML id as is; others get one from their position. */
export function domIdOf(q: { name: string; index: number }): string {
  return /^[A-Za-z][\w-]*$/.test(q.name) ? q.name : `n${q.index}`;
}

/** The state survey-core gives each question of `questions` for `answers`. */
export function questionStates(
  model: Model,
  questions: QuestionInfo[],
): Map<string, { shown: boolean; enabled: boolean; required: boolean; display: string }> {
  const states = new Map<string, { shown: boolean; enabled: boolean; required: boolean; display: string }>();
  for (const q of questions) {
    const question = model.getQuestionByName(q.name);
    states.set(q.name, {
      shown: shownIn(model, q.name),
      enabled: !question?.isReadOnly,
      required: Boolean(question?.isRequired),
      display: q.type === "expression" ? String(question?.displayValue ?? "") : "",
    });
  }
  return states;
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
  const onPage = listElements(definition, locale).filter((q) => q.page === page);
  const names = new Set(onPage.map((q) => q.name));
  const states = questionStates(model, onPage);
  const questions = onPage
    .map((q, index): PageQuestion => {
      const state = states.get(q.name)!;
      const conditions = [q.visibleIf, q.enableIf, q.requiredIf].filter((c): c is string => Boolean(c));
      const live = conditions.some((c) => referencedQuestions(c).some((n) => names.has(n))) || q.type === "expression";
      const saved = answers[q.name];
      const entries = Array.isArray(saved) ? saved.length + 1 : q.type === "paneldynamic" ? 1 : 2;
      return {
        ...q,
        index,
        live,
        shown: options.showAll || state.shown,
        enabled: options.showAll || state.enabled,
        required: state.required,
        display: state.display,
        entries: Math.min(entries, 100),
      };
    })
    .filter((q) => options.showAll || q.live || q.shown);
  const rawTitle = definition.pages?.[page]?.title;
  return {
    position: position + 1,
    count: visible.length,
    page,
    previous: position > 0 ? visible[position - 1]! : null,
    next: position < visible.length - 1 ? visible[position + 1]! : null,
    title: textOf(rawTitle, locale),
    questions,
  };
}
