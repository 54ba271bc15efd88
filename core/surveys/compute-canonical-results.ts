/**
 * A survey's results in the question bank's terms (question-bank.ts): per canonical question the
 * counts per canonical choice over its base, as the survey's mapping (survey-mapping.ts) says its
 * answers count, and whether the survey asked it at all. Surveys worded differently can then be
 * compared code by code. Counting follows docs/survey-counting.md (the base is who was shown the
 * question and answered it; an answer whose value maps to nothing is not in the base). Outside the
 * secretariat, and in views for sharing, small cells are hidden (`suppressSmallCells`).
 */
import { type Actor, isSecretariat, requireSignedIn } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { aggregateAnswers, type CountCell, type RowResult } from "./aggregate-answers.ts";
import { listQuestions, type Locale, type Option, type QuestionInfo, type QuestionKind } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { loadCompleteAnswers } from "./load-answers.ts";
import { MIN_CELL, pooledGroups } from "./protect-breakdown.ts";
import { type CanonicalQuestion, questionBank } from "./question-bank.ts";
import { canonicalAnswers, loadSurveyMapping, type QuestionMapping } from "./survey-mapping.ts";
import { combinedCategories } from "./templates/combined.ts";

export interface CanonicalQuestionResult {
  code: string;
  number: string;
  kind: QuestionKind;
  title: string;
  /** whether this survey asked it (some question of the survey maps to it) */
  asked: boolean;
  /** the survey's question that asked it */
  question: string | null;
  /** who answered it; null when not asked or hidden */
  base: number | null;
  choices: CountCell[];
  combined: CountCell[];
  rows: RowResult[];
  suppressed?: true;
}

export interface CanonicalResults {
  surveyId: string;
  title: string;
  /** valid responses; null when hidden (fewer than MIN_CELL in a suppressed view) */
  responses: number | null;
  /** the canonical codes this survey asked */
  asked: string[];
  questions: CanonicalQuestionResult[];
  /** true when small cells are hidden */
  suppressed: boolean;
}

function optionsIn(list: readonly { code: string; label: { ja: string; en: string } }[], locale: Locale): Option[] {
  return list.map((o) => ({ value: o.code, label: o.label[locale] }));
}

/** The canonical question as the counting code reads questions (rows: Q16's are the survey's own). */
export function canonicalInfoOf(c: CanonicalQuestion, locale: Locale, surveyRows: Option[]): QuestionInfo {
  const type =
    c.kind === "single" ? "radiogroup" : c.kind === "multiple" ? "checkbox" : c.kind === "grid" ? "matrix" : "comment";
  return {
    name: c.code,
    type,
    kind: c.kind,
    title: c.title[locale],
    description: "",
    page: 0,
    required: false,
    visibleIf: null,
    enableIf: null,
    requiredIf: null,
    // その他 is one of the bank's choices already.
    hasOther: false,
    otherLabel: "",
    choices: optionsIn(c.choices, locale),
    rows: c.rows === null ? surveyRows : optionsIn(c.rows, locale),
    columns: optionsIn(c.columns, locale),
    items: [],
    inputType: "text",
    content: "",
    altText: "",
    panels: [],
  };
}

const hidden = (c: CountCell): CountCell => ({
  value: c.value,
  label: c.label,
  count: null,
  percent: null,
  suppressed: true,
});

/** Cells that add up to a base: the small ones, and more until none can be derived (pooledGroups). */
function hideInPartition(cells: CountCell[]): Set<string> {
  const count = new Map(cells.map((c) => [c.value, c.count ?? 0]));
  return pooledGroups(
    cells.map((c) => c.value),
    [],
    (v) => count.get(v) ?? 0,
  );
}

function combinedShown(question: string, combined: CountCell[], hiddenValues: Set<string>): CountCell[] {
  return combined.map((k) => {
    const parts = combinedCategories.find((c) => c.question === question && c.key === k.value)?.values ?? [];
    // A sum beside a hidden part would give the part away.
    return (k.count ?? 0) < MIN_CELL || parts.some((p) => hiddenValues.has(p)) ? hidden(k) : k;
  });
}

/**
 * The view outside the secretariat: a question answered by fewer than MIN_CELL shows no figure;
 * a choice (a matrix cell) with fewer is hidden, and where the cells add up to the base (single
 * choice, a matrix row) so is the next smallest until the hidden ones cannot be told apart — the
 * same pooling as the breakdowns' (protect-breakdown.ts). A multiple choice's cells do not add up
 * to anything shown, so each small one is hidden alone.
 */
export function suppressSmallCells(q: CanonicalQuestionResult): CanonicalQuestionResult {
  if (!q.asked) return q;
  if (q.base === null || q.base < MIN_CELL) {
    return {
      ...q,
      base: null,
      choices: q.choices.map(hidden),
      combined: q.combined.map(hidden),
      rows: q.rows.map((r) => ({
        ...r,
        base: null,
        columns: r.columns.map(hidden),
        combined: r.combined.map(hidden),
        suppressed: true,
      })),
      suppressed: true,
    };
  }
  const hiddenChoices =
    q.kind === "single"
      ? hideInPartition(q.choices)
      : new Set(q.choices.filter((c) => (c.count ?? 0) < MIN_CELL).map((c) => c.value));
  return {
    ...q,
    choices: q.choices.map((c) => (hiddenChoices.has(c.value) ? hidden(c) : c)),
    combined: combinedShown(q.code, q.combined, hiddenChoices),
    rows: q.rows.map((r): RowResult => {
      if (r.base === null || r.base < MIN_CELL)
        return { ...r, base: null, columns: r.columns.map(hidden), combined: r.combined.map(hidden), suppressed: true };
      const hiddenColumns = hideInPartition(r.columns);
      return {
        ...r,
        columns: r.columns.map((c) => (hiddenColumns.has(c.value) ? hidden(c) : c)),
        combined: combinedShown(q.code, r.combined, hiddenColumns),
      };
    }),
  };
}

/** The survey's questions that count as a canonical question, with their mapping and the bank's question. */
export function mappedQuestions(
  questions: readonly QuestionInfo[],
  mappings: readonly QuestionMapping[],
): { q: QuestionInfo; m: QuestionMapping; c: CanonicalQuestion }[] {
  const byName = new Map(questions.map((q) => [q.name, q]));
  return mappings.flatMap((m) => {
    const c = m.canonical ? questionBank.find((x) => x.code === m.canonical) : undefined;
    const q = byName.get(m.question);
    return c && q ? [{ q, m, c }] : [];
  });
}

/** The canonical results of a set of answers under a mapping (pure: the use case loads both). */
export function canonicalResultsOf(
  questions: QuestionInfo[],
  mappings: QuestionMapping[],
  answers: readonly Record<string, unknown>[],
  options: { locale: Locale; suppress: boolean },
): { responses: number; asked: string[]; questions: CanonicalQuestionResult[] } {
  const mapped = mappedQuestions(questions, mappings);
  const askedBy = new Map(mapped.map((x) => [x.c.code, x]));
  const infos = questionBank.map((c) => {
    const asked = askedBy.get(c.code);
    const surveyRows = asked && c.rows === null ? asked.q.rows : [];
    return canonicalInfoOf(c, options.locale, surveyRows);
  });
  const counted = aggregateAnswers(
    infos,
    answers.map((a) => canonicalAnswers(a, mapped)),
    options.locale,
  );
  const results = questionBank.map((c, i): CanonicalQuestionResult => {
    const asked = askedBy.get(c.code);
    const r = counted.questions[i]!;
    const result: CanonicalQuestionResult = {
      code: c.code,
      number: c.number,
      kind: c.kind,
      title: c.title[options.locale],
      asked: Boolean(asked),
      question: asked?.q.name ?? null,
      base: asked ? r.base : null,
      choices: asked ? r.choices : [],
      combined: asked ? r.combined : [],
      rows: asked ? r.rows : [],
    };
    return options.suppress ? suppressSmallCells(result) : result;
  });
  return { responses: counted.responses, asked: [...askedBy.keys()], questions: results };
}

/**
 * The canonical results of a survey's valid responses. The secretariat sees every count; a view
 * for sharing (and any reader outside the secretariat, such as a programme office's) has small
 * cells hidden. Free texts are never part of them: only counts, which is what is compared.
 */
export async function computeCanonicalResults(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  options: { locale?: Locale; forSharing?: boolean } = {},
): Promise<CanonicalResults> {
  requireSignedIn(actor);
  if (!isSecretariat(actor)) throw new AppError("forbidden");
  const locale = options.locale ?? "ja";
  const survey = await findSurvey(deps.db, surveyId);
  const questions = listQuestions(survey.definition, locale);
  const [mappings, answers] = await Promise.all([
    loadSurveyMapping(deps.db, survey, questions),
    loadCompleteAnswers(deps.db, survey.id),
  ]);
  const suppress = Boolean(options.forSharing) || !isSecretariat(actor);
  const result = canonicalResultsOf(questions, mappings, answers, { locale, suppress });
  return {
    surveyId: survey.id,
    title: survey.title,
    responses: suppress && result.responses < MIN_CELL ? null : result.responses,
    asked: result.asked,
    questions: result.questions.map((q) => (q.kind === "text" ? { ...q, choices: [], rows: [] } : q)),
    suppressed: suppress,
  };
}
