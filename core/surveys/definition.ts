/**
 * A survey's SurveyJS JSON, read into the flat list of questions the rest of the capability
 * works with (answering page, results, exports), with labels in the requested language.
 * Only the question types Chiiki renders are accepted, so every stored definition can be answered.
 */
import { z } from "zod";
import { AppError } from "../shared/errors.ts";

export const questionTypes = ["radiogroup", "dropdown", "checkbox", "matrix", "comment", "text", "boolean"] as const;
export type QuestionType = (typeof questionTypes)[number];
export type Locale = "ja" | "en";
/** One respondent's answers, by question name (a matrix answer is an object by row). */
export type Answers = Record<string, unknown>;

/** A SurveyJS localisable string: plain text, or `{ default?, ja?, en? }`. */
export type LocText = string | Record<string, string> | undefined;

export function textOf(value: LocText, locale: Locale, fallback = ""): string {
  if (value === undefined || value === null) return fallback;
  if (typeof value === "string") return value;
  return value[locale] ?? value.ja ?? value.default ?? value.en ?? Object.values(value)[0] ?? fallback;
}

export interface Option {
  value: string;
  label: string;
}

export interface QuestionInfo {
  name: string;
  type: QuestionType;
  title: string;
  description: string;
  page: number;
  required: boolean;
  visibleIf: string | null;
  hasOther: boolean;
  otherLabel: string;
  choices: Option[];
  rows: Option[];
  columns: Option[];
}

const locText = z.union([z.string(), z.record(z.string(), z.string())]);
const item = z.union([
  z.string(),
  z.number(),
  z.object({ value: z.union([z.string(), z.number()]), text: locText.optional() }).loose(),
]);
const element = z
  .object({
    type: z.string(),
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_.-]+$/, "field.survey-question-name"),
    title: locText.optional(),
    description: locText.optional(),
    isRequired: z.boolean().optional(),
    visibleIf: z.string().max(2000).optional(),
    choices: z.array(item).optional(),
    rows: z.array(item).optional(),
    columns: z.array(item).optional(),
    showOtherItem: z.boolean().optional(),
    hasOther: z.boolean().optional(),
    otherText: locText.optional(),
  })
  .loose();
const definitionSchema = z
  .object({
    title: locText.optional(),
    pages: z
      .array(
        z
          .object({ name: z.string().optional(), title: locText.optional(), elements: z.array(element).default([]) })
          .loose(),
      )
      .optional(),
    elements: z.array(element).optional(),
  })
  .loose();

export type SurveyDefinition = Record<string, unknown> & {
  pages?: { name?: string; title?: LocText; elements: Record<string, unknown>[] }[];
};

/**
 * Checks a definition (built-in, edited or imported) and returns it in pages form. Unknown
 * question types, duplicate names and choice lists that are empty are refused with field issues.
 */
export function parseDefinition(input: unknown): SurveyDefinition {
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("validation-failed", { fields: [{ field: "definition", code: "survey-definition" }] });
  const value = parsed.data as SurveyDefinition & { elements?: Record<string, unknown>[] };
  const pages = value.pages ?? [{ name: "page1", elements: value.elements ?? [] }];
  const names = new Set<string>();
  const issues: { field: string; code: string; params?: Record<string, string> }[] = [];
  for (const page of pages) {
    for (const el of page.elements as z.infer<typeof element>[]) {
      if (!(questionTypes as readonly string[]).includes(el.type))
        issues.push({ field: el.name, code: "survey-question-type", params: { type: el.type } });
      if (names.has(el.name)) issues.push({ field: el.name, code: "survey-question-duplicate" });
      names.add(el.name);
      if (["radiogroup", "dropdown", "checkbox"].includes(el.type) && !el.choices?.length)
        issues.push({ field: el.name, code: "survey-choices-empty" });
      if (el.type === "matrix" && (!el.rows?.length || !el.columns?.length))
        issues.push({ field: el.name, code: "survey-choices-empty" });
    }
  }
  if (!names.size) issues.push({ field: "definition", code: "survey-no-questions" });
  if (issues.length) throw new AppError("validation-failed", { fields: issues });
  const { elements: _elements, ...rest } = value;
  return { ...rest, pages } as SurveyDefinition;
}

function options(list: unknown[] | undefined, locale: Locale): Option[] {
  return (list ?? []).map((entry) => {
    if (typeof entry === "string" || typeof entry === "number") return { value: String(entry), label: String(entry) };
    const e = entry as { value: string | number; text?: LocText };
    return { value: String(e.value), label: textOf(e.text, locale, String(e.value)) };
  });
}

const BOOLEAN_OPTIONS: Record<Locale, Option[]> = {
  ja: [
    { value: "true", label: "はい" },
    { value: "false", label: "いいえ" },
  ],
  en: [
    { value: "true", label: "Yes" },
    { value: "false", label: "No" },
  ],
};

/** Every question in page order, with labels in `locale`. */
export function listQuestions(definition: SurveyDefinition, locale: Locale = "ja"): QuestionInfo[] {
  const result: QuestionInfo[] = [];
  (definition.pages ?? []).forEach((page, pageIndex) => {
    for (const raw of page.elements) {
      const el = raw as z.infer<typeof element>;
      const type = el.type as QuestionType;
      result.push({
        name: el.name,
        type,
        title: textOf(el.title, locale, el.name),
        description: textOf(el.description, locale),
        page: pageIndex,
        required: Boolean(el.isRequired),
        visibleIf: el.visibleIf?.trim() || null,
        hasOther: Boolean(el.showOtherItem ?? el.hasOther),
        otherLabel: textOf(el.otherText, locale, locale === "ja" ? "その他" : "Other"),
        choices: type === "boolean" ? BOOLEAN_OPTIONS[locale] : options(el.choices, locale),
        rows: options(el.rows, locale),
        columns: options(el.columns, locale),
      });
    }
  });
  return result;
}

export function surveyTitleOf(definition: SurveyDefinition, locale: Locale, fallback: string): string {
  return textOf(definition.title as LocText, locale, fallback);
}

/** Single-choice questions can split the respondents into groups (cross-tabulation). */
export function isSingleChoice(q: QuestionInfo): boolean {
  return q.type === "radiogroup" || q.type === "dropdown" || q.type === "boolean";
}
