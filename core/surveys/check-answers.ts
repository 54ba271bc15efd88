/**
 * survey-core on the server is the one authority on what an answer set may contain: which
 * questions are visible (answers to hidden questions are dropped), and which visible questions
 * still lack an answer. On top of that we check shapes and codes, which SurveyJS does not
 * (it accepts a value that is not among the choices).
 */
import {
  type Answers,
  type Item,
  listQuestions,
  type Locale,
  type Option,
  type QuestionInfo,
  type SurveyDefinition,
} from "./definition.ts";
import type { Model } from "survey-core";
import { surveyModel } from "./survey-model.ts";

// (Answers is declared in definition.ts, which survey-model.ts reads too; most of the capability imports it from here.)
export type { Answers };

export interface AnswerError {
  question: string;
  code: string;
  message: string;
}

const MESSAGES: Record<Locale, Record<string, string>> = {
  ja: {
    choice: "選択肢にない値です。",
    type: "回答の形式が正しくありません。",
    "too-long": "長すぎます（{max}文字以内）。",
    number: "数値で入力してください。",
    "too-many": "行が多すぎます（{max}行以内）。",
  },
  en: {
    choice: "This value is not one of the choices.",
    type: "The answer has the wrong form.",
    "too-long": "Too long (at most {max} characters).",
    number: "Enter a number.",
    "too-many": "Too many rows (at most {max}).",
  },
};

const ERROR_CODES: Record<string, string> = {
  required: "required",
  requireoneanswer: "required",
  otherempty: "other-required",
  requiredinallrowserror: "all-rows-required",
};

export const MAX_TEXT = 4000;

function message(locale: Locale, code: string, params: Record<string, number> = {}): string {
  return MESSAGES[locale][code]!.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]));
}

const isText = (v: unknown): v is string => typeof v === "string";
const isEmpty = (v: unknown) => v === undefined || v === null || v === "";
const isPlain = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);
/** At most this many rows of a matrixdynamic or panels of a paneldynamic. */
export const MAX_DYNAMIC = 100;

type Shaped = { value?: unknown; code?: string };

/** One value among `options` (a form sends "2" for the number 2): stored as SurveyJS stores it. */
function pick(options: Option[], value: unknown, other: boolean): Shaped {
  if (!["string", "number", "boolean"].includes(typeof value)) return { code: "type" };
  if (other && value === "other") return { value };
  const option = options.find((o) => o.value === String(value));
  return option ? { value: option.raw ?? option.value } : { code: "choice" };
}

function pickMany(options: Option[], value: unknown, other: boolean): Shaped {
  const list = Array.isArray(value) ? value : [value];
  const kept: unknown[] = [];
  for (const v of list) {
    if (isEmpty(v)) continue;
    const one = pick(options, v, other);
    if (one.code) return one;
    if (!kept.includes(one.value)) kept.push(one.value);
  }
  return kept.length ? { value: kept } : {};
}

function text(value: unknown, inputType: string): Shaped {
  if (typeof value === "number" && Number.isFinite(value)) return { value };
  if (!isText(value)) return { code: "type" };
  const trimmed = value.trim();
  if (trimmed.length > MAX_TEXT) return { code: "too-long" };
  if (!trimmed) return {};
  if (inputType === "number" || inputType === "range") {
    const n = Number(trimmed);
    return Number.isFinite(n) ? { value: n } : { code: "number" };
  }
  return { value: trimmed };
}

function cell(item: Item, value: unknown): Shaped {
  if (isEmpty(value)) return {};
  if (!item.options) return text(value, item.inputType);
  return item.multiple ? pickMany(item.options, value, false) : pick(item.options, value, false);
}

/** An object of item → value (multipletext, one matrixdropdown row, one dynamic row or panel). */
function cells(items: Item[], value: unknown): Shaped {
  if (!isPlain(value)) return { code: "type" };
  const byName = new Map(items.map((i) => [i.column ?? i.value, i]));
  const kept: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const item = byName.get(key);
    if (!item) {
      if (isEmpty(v)) continue;
      return { code: "choice" };
    }
    const shaped = cell(item, v);
    if (shaped.code) return shaped;
    if (shaped.value !== undefined) kept[key] = shaped.value;
  }
  return Object.keys(kept).length ? { value: kept } : {};
}

/** Keeps only values of the right shape and code; reports the rest. */
function shapeValue(q: QuestionInfo, value: unknown): Shaped {
  if (isEmpty(value)) return {};
  switch (q.kind) {
    case "single":
      return pick(q.choices, value, q.hasOther);
    case "multiple":
      return pickMany(q.choices, value, q.hasOther);
    case "text":
      return text(value, q.inputType);
    case "grid": {
      if (q.type === "ranking") {
        // The order of the choices; each at most once (SurveyJS checks that all are ranked).
        const ranked = pickMany(q.rows, value, false);
        if (ranked.code) return ranked;
        const list = Array.isArray(value) ? value.filter((v) => !isEmpty(v)) : [value];
        return (ranked.value as unknown[] | undefined)?.length === list.length ? ranked : { code: "choice" };
      }
      if (!isPlain(value)) return { code: "type" };
      const kept: Record<string, unknown> = {};
      for (const [row, column] of Object.entries(value)) {
        if (isEmpty(column)) continue;
        if (!q.rows.some((r) => r.value === row)) return { code: "choice" };
        const one = pick(q.columns, column, false);
        if (one.code) return one;
        kept[row] = one.value;
      }
      return Object.keys(kept).length ? { value: kept } : {};
    }
    case "items": {
      if (q.type === "multipletext") return cells(q.items, value);
      if (q.type === "matrixdropdown") {
        if (!isPlain(value)) return { code: "type" };
        const kept: Record<string, unknown> = {};
        for (const [row, rowValue] of Object.entries(value)) {
          const rowItems = q.items.filter((i) => i.row === row);
          if (!rowItems.length) {
            if (isEmpty(rowValue)) continue;
            return { code: "choice" };
          }
          const shaped = cells(rowItems, rowValue);
          if (shaped.code) return shaped;
          if (shaped.value !== undefined) kept[row] = shaped.value;
        }
        return Object.keys(kept).length ? { value: kept } : {};
      }
      // matrixdynamic rows, paneldynamic panels: a list of objects; empty ones are left out.
      if (!Array.isArray(value)) return { code: "type" };
      if (value.length > MAX_DYNAMIC) return { code: "too-many" };
      const kept: unknown[] = [];
      for (const entry of value) {
        if (isEmpty(entry)) continue;
        const shaped = cells(q.items, entry);
        if (shaped.code) return shaped;
        if (shaped.value !== undefined) kept.push(shaped.value);
      }
      return kept.length ? { value: kept } : {};
    }
    case "display":
      return {};
  }
}

function otherChosen(value: unknown): boolean {
  return value === "other" || (Array.isArray(value) && value.includes("other"));
}

/** Shown: its own condition and those of the panels around it hold. */
export function shownIn(model: Model, name: string): boolean {
  const question = model.getQuestionByName(name);
  return Boolean(question?.isVisible && question.isParentVisible);
}

export interface CheckOptions {
  locale?: Locale;
  /** Check only the questions on these pages (a page of the answering form); all when absent. */
  pages?: number[];
}

export interface CheckedAnswers {
  /** What may be stored: right shapes and codes, visible questions only. */
  data: Answers;
  errors: AnswerError[];
  /** The pages that have a visible question, in order (the answering page walks these). */
  visiblePages: number[];
}

/**
 * Cleans and validates one answer set. `data` is what may be stored; `errors` lists per
 * question what is missing or wrong on the pages asked for.
 */
export function checkAnswers(
  definition: SurveyDefinition,
  answers: Answers,
  options: CheckOptions = {},
): CheckedAnswers {
  const locale = options.locale ?? "ja";
  const questions = listQuestions(definition, locale);
  const errors: AnswerError[] = [];
  const data: Answers = {};
  const inScope = (q: QuestionInfo) => !options.pages || options.pages.includes(q.page);

  for (const q of questions) {
    const shaped = shapeValue(q, answers[q.name]);
    if (shaped.code) {
      if (inScope(q))
        errors.push({
          question: q.name,
          code: shaped.code,
          message: message(locale, shaped.code, { max: shaped.code === "too-many" ? MAX_DYNAMIC : MAX_TEXT }),
        });
      continue;
    }
    if (shaped.value === undefined) continue;
    data[q.name] = shaped.value;
    const comment = answers[`${q.name}-Comment`];
    if (q.hasOther && otherChosen(shaped.value) && isText(comment) && comment.trim()) {
      if (comment.trim().length > MAX_TEXT) {
        if (inScope(q))
          errors.push({ question: q.name, code: "too-long", message: message(locale, "too-long", { max: MAX_TEXT }) });
      } else data[`${q.name}-Comment`] = comment.trim();
    }
  }

  const model = surveyModel(definition, data, locale);
  // Hiding one question can hide another (Q12 → Q13), so drop hidden answers until nothing changes.
  for (let round = 0; round < questions.length + 1; round++) {
    model.data = data;
    let dropped = false;
    for (const q of questions) {
      if (!(q.name in data)) continue;
      if (!shownIn(model, q.name)) {
        delete data[q.name];
        delete data[`${q.name}-Comment`];
        dropped = true;
      }
    }
    if (!dropped) break;
  }

  const failed = new Set(errors.map((e) => e.question));
  for (const q of questions) {
    if (!inScope(q) || failed.has(q.name)) continue;
    const question = model.getQuestionByName(q.name);
    if (!question || !shownIn(model, q.name)) continue;
    if (question.hasErrors(true)) {
      const first = question.errors[0]!;
      errors.push({
        question: q.name,
        code: ERROR_CODES[first.getErrorType()] ?? first.getErrorType(),
        message: first.getText(),
      });
    }
  }

  const visiblePages = model.pages.map((page, index) => (page.isVisible ? index : -1)).filter((i) => i >= 0);
  return { data, errors, visiblePages };
}
