/**
 * survey-core on the server is the one authority on what an answer set may contain: which
 * questions are visible (answers to hidden questions are dropped), and which visible questions
 * still lack an answer. On top of that we check shapes and codes, which SurveyJS does not
 * (it accepts a value that is not among the choices).
 */
import { type Answers, listQuestions, type Locale, type QuestionInfo, type SurveyDefinition } from "./definition.ts";
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
  },
  en: {
    choice: "This value is not one of the choices.",
    type: "The answer has the wrong form.",
    "too-long": "Too long (at most {max} characters).",
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

/** Keeps only values of the right shape and code; reports the rest. */
function shapeValue(q: QuestionInfo, value: unknown): { value?: unknown; code?: string } {
  if (value === undefined || value === null || value === "") return {};
  const allowed = new Set(q.choices.map((c) => c.value));
  if (q.hasOther) allowed.add("other");
  switch (q.type) {
    case "radiogroup":
    case "dropdown":
      if (!isText(value)) return { code: "type" };
      return allowed.has(value) ? { value } : { code: "choice" };
    case "boolean":
      if (typeof value === "boolean") return { value };
      if (value === "true" || value === "false") return { value: value === "true" };
      return { code: "type" };
    case "checkbox": {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every(isText)) return { code: "type" };
      if (!list.every((v) => allowed.has(v))) return { code: "choice" };
      const unique = [...new Set(list)];
      return unique.length ? { value: unique } : {};
    }
    case "matrix": {
      if (typeof value !== "object" || Array.isArray(value)) return { code: "type" };
      const rows = new Set(q.rows.map((r) => r.value));
      const columns = new Set(q.columns.map((c) => c.value));
      const kept: Record<string, string> = {};
      for (const [row, column] of Object.entries(value as Record<string, unknown>)) {
        if (column === undefined || column === null || column === "") continue;
        if (!rows.has(row) || !isText(column) || !columns.has(column)) return { code: "choice" };
        kept[row] = column;
      }
      return Object.keys(kept).length ? { value: kept } : {};
    }
    case "comment":
    case "text": {
      if (!isText(value)) return { code: "type" };
      const trimmed = value.trim();
      if (trimmed.length > MAX_TEXT) return { code: "too-long" };
      return trimmed ? { value: trimmed } : {};
    }
  }
}

function otherChosen(value: unknown): boolean {
  return value === "other" || (Array.isArray(value) && value.includes("other"));
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
        errors.push({ question: q.name, code: shaped.code, message: message(locale, shaped.code, { max: MAX_TEXT }) });
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
      if (!model.getQuestionByName(q.name)?.isVisible) {
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
    if (!question?.isVisible) continue;
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
