/**
 * A survey's SurveyJS JSON, read into the flat list of questions the rest of the capability
 * works with (answering page, results, exports), with labels in the requested language.
 * Only the element types Chiiki renders, validates, counts and exports are accepted, so every
 * stored definition can be answered; the rest is refused with the reason and the question name.
 * The definition itself is stored as given (pages form), so an export re-imports identically.
 */
import { z } from "zod";
import { AppError } from "../shared/errors.ts";

/** The types the staff editor creates (a subset of what an imported definition may use). */
export const questionTypes = [
  "radiogroup",
  "dropdown",
  "checkbox",
  "tagbox",
  "rating",
  "ranking",
  "boolean",
  "matrix",
  "multipletext",
  "comment",
  "text",
  "expression",
  "html",
] as const;

/** Every element type an imported definition may use, by how it is answered and counted. */
export const kindOfType = {
  radiogroup: "single",
  dropdown: "single",
  boolean: "single",
  rating: "single",
  checkbox: "multiple",
  tagbox: "multiple",
  text: "text",
  comment: "text",
  matrix: "grid",
  ranking: "grid",
  multipletext: "items",
  matrixdropdown: "items",
  matrixdynamic: "items",
  paneldynamic: "items",
  expression: "display",
  html: "display",
  image: "display",
} as const;
export type QuestionType = keyof typeof kindOfType;
/**
 * single: one value among choices; multiple: several; text: free text; grid: one column per row
 * (a ranking's rows are its choices, its columns the positions); items: named sub-answers
 * (each item counted on its own base); display: shown, never answered.
 */
export type QuestionKind = (typeof kindOfType)[QuestionType];
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
  /** The value as SurveyJS stores it (a number stays a number). */
  raw?: string | number | boolean;
}

/** A sub-answer of an `items` question: a multipletext item, a matrixdropdown cell column, … */
export interface Item {
  value: string;
  label: string;
  /** The choices of a choice cell; null for a text cell. */
  options: Option[] | null;
  multiple: boolean;
  /** The cell's SurveyJS type (dropdown, checkbox, text, …), for the answering page. */
  cellType: string;
  inputType: string;
  /** matrixdropdown: the row and the column this item is the cell of. */
  row?: string;
  column?: string;
}

export interface QuestionInfo {
  name: string;
  type: QuestionType;
  kind: QuestionKind;
  title: string;
  description: string;
  page: number;
  required: boolean;
  /** Its own condition and those of the panels around it, joined with `and`. */
  visibleIf: string | null;
  enableIf: string | null;
  requiredIf: string | null;
  hasOther: boolean;
  otherLabel: string;
  choices: Option[];
  rows: Option[];
  columns: Option[];
  items: Item[];
  /** text: SurveyJS's inputType (number, email, date, …); "text" otherwise. */
  inputType: string;
  /** html: its text without markup; image: its address; expression: its expression. */
  content: string;
  altText: string;
  /** The titles of the panels it sits in, outermost first. */
  panels: string[];
}

/** Types refused with a reason of their own (field.survey-question-type-<reason>). */
const refusedReasons: Record<string, string> = {
  signaturepad: "signature",
  file: "file",
  imagepicker: "imagepicker",
  slider: "other",
};

const NAME_MAX = 100;
const locText = z.union([z.string(), z.record(z.string(), z.string())]);
const definitionSchema = z
  .object({
    title: locText.optional(),
    pages: z
      .array(
        z
          .object({
            name: z.string().optional(),
            title: locText.optional(),
            elements: z.array(z.unknown()).default([]),
          })
          .loose(),
      )
      .optional(),
    elements: z.array(z.unknown()).optional(),
    /** SurveyJS's legacy form: one page of questions. */
    questions: z.array(z.unknown()).optional(),
  })
  .loose();

export type SurveyDefinition = Record<string, unknown> & {
  pages?: { name?: string; title?: LocText; elements: Record<string, unknown>[] }[];
};

type Raw = Record<string, unknown>;
type Issue = { field: string; code: string; params?: Record<string, string> };

const isObject = (v: unknown): v is Raw => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const condition = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** A question name may hold spaces or Japanese; braces and the matrix separator would break expressions and forms. */
function nameProblem(name: unknown): string | null {
  if (typeof name !== "string" || !name.trim() || name.length > NAME_MAX) return "survey-question-name-import";
  if (/[{}\n\r\t]|::/.test(name) || name.endsWith("-Comment")) return "survey-question-name-import";
  return null;
}

function checkChoices(el: Raw, name: string, issues: Issue[]) {
  const type = el.type as string;
  const hasList = (key: string) => list(el[key]).length > 0;
  // Choices fetched at answering time (or copied from another question's answer) cannot be
  // checked, counted or exported against a fixed list; the server would also have to fetch URLs.
  if (el.choicesByUrl || el.choicesFromQuestion) {
    issues.push({ field: name, code: "survey-question-type-remote", params: { question: name, type } });
    return;
  }
  // Two questions writing one value (valueName) would be counted twice and validated apart.
  if (typeof el.valueName === "string" && el.valueName && el.valueName !== name) {
    issues.push({
      field: name,
      code: "survey-question-value-name",
      params: { question: name, valueName: el.valueName },
    });
    return;
  }
  if (["radiogroup", "dropdown", "checkbox", "tagbox", "ranking"].includes(type) && !hasList("choices"))
    issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
  if (type === "matrix" && (!hasList("rows") || !hasList("columns")))
    issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
  if (type === "matrixdropdown" && (!hasList("rows") || !hasList("columns")))
    issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
  if (type === "matrixdynamic" && !hasList("columns"))
    issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
  if (type === "multipletext" && !hasList("items"))
    issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
  if (type === "paneldynamic") {
    if (!hasList("templateElements"))
      issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
    for (const inner of list(el.templateElements)) {
      const t = isObject(inner) ? String(inner.type) : "";
      if (!["text", "comment", "radiogroup", "dropdown", "checkbox", "tagbox", "boolean", "rating"].includes(t))
        issues.push({ field: name, code: "survey-question-type-nested", params: { question: name, type: t } });
    }
  }
  if (type === "matrixdropdown" || type === "matrixdynamic") {
    for (const column of list(el.columns)) {
      const cellType = String((isObject(column) && column.cellType) || el.cellType || "dropdown");
      if (!cellTypes.includes(cellType))
        issues.push({ field: name, code: "survey-question-type-nested", params: { question: name, type: cellType } });
      else if (
        ["dropdown", "radiogroup", "checkbox", "tagbox"].includes(cellType) &&
        !list(isObject(column) ? column.choices : undefined).length &&
        !list(el.choices).length
      )
        issues.push({ field: name, code: "survey-choices-empty", params: { question: name } });
    }
  }
}

const cellTypes = ["dropdown", "radiogroup", "checkbox", "tagbox", "boolean", "rating", "text", "comment"];

function walk(elements: unknown[], names: Set<string>, issues: Issue[], depth = 0) {
  for (const raw of elements) {
    if (!isObject(raw) || typeof raw.type !== "string") {
      issues.push({ field: "definition", code: "survey-definition" });
      continue;
    }
    const type = raw.type.toLowerCase();
    const name = typeof raw.name === "string" ? raw.name : "";
    const field = name || type;
    if (type === "panel") {
      if (depth > 5) issues.push({ field, code: "survey-definition" });
      else walk(list(raw.elements), names, issues, depth + 1);
      continue;
    }
    if (!(type in kindOfType)) {
      const reason = refusedReasons[type];
      issues.push({
        field,
        code: reason && reason !== "other" ? `survey-question-type-${reason}` : "survey-question-type",
        params: { question: name || "—", type },
      });
      continue;
    }
    const problem = nameProblem(name);
    if (problem) {
      issues.push({ field, code: problem, params: { question: name || "—" } });
      continue;
    }
    if (names.has(name)) issues.push({ field: name, code: "survey-question-duplicate", params: { question: name } });
    names.add(name);
    checkChoices({ ...raw, type }, name, issues);
  }
}

/**
 * Checks a definition (built-in, edited or imported) and returns it in pages form (the legacy
 * top-level `questions` and `elements` become one page). Unsupported types, bad or duplicate
 * names and empty choice lists are refused with one field issue each, named by question.
 */
export function parseDefinition(input: unknown): SurveyDefinition {
  const parsed = definitionSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError("validation-failed", { fields: [{ field: "definition", code: "survey-definition" }] });
  const value = parsed.data as SurveyDefinition & { elements?: Raw[]; questions?: Raw[] };
  const pages = value.pages ?? [{ name: "page1", elements: (value.elements ?? value.questions ?? []) as Raw[] }];
  const names = new Set<string>();
  const issues: Issue[] = [];
  for (const page of pages) walk(page.elements, names, issues);
  if (!names.size && !issues.length) issues.push({ field: "definition", code: "survey-no-questions" });
  if (issues.length) throw new AppError("validation-failed", { fields: issues });
  const { elements: _elements, questions: _questions, ...rest } = value;
  return { ...rest, pages } as SurveyDefinition;
}

/** SurveyJS choices: `"value"`, `"value|text"`, a number, or `{ value, text }`. */
export function options(entries: unknown[] | undefined, locale: Locale): Option[] {
  return (entries ?? []).map((entry) => {
    if (typeof entry === "number" || typeof entry === "boolean")
      return { value: String(entry), label: String(entry), raw: entry };
    if (typeof entry === "string") {
      const bar = entry.indexOf("|");
      return bar < 0
        ? { value: entry, label: entry, raw: entry }
        : { value: entry.slice(0, bar), label: entry.slice(bar + 1), raw: entry.slice(0, bar) };
    }
    const e = (isObject(entry) ? entry : {}) as {
      value?: string | number;
      name?: string;
      text?: LocText;
      title?: LocText;
    };
    const raw = e.value ?? e.name ?? "";
    return { value: String(raw), label: textOf(e.text ?? e.title, locale, String(raw)), raw };
  });
}

const BOOLEAN_OPTIONS: Record<Locale, Option[]> = {
  ja: [
    { value: "true", label: "はい", raw: true },
    { value: "false", label: "いいえ", raw: false },
  ],
  en: [
    { value: "true", label: "Yes", raw: true },
    { value: "false", label: "No", raw: false },
  ],
};

/** A rating's values: `rateValues`, or rateMin…rateMax by rateStep (SurveyJS's defaults 1…5). */
function ratingOptions(el: Raw, locale: Locale): Option[] {
  if (list(el.rateValues).length) return options(list(el.rateValues), locale);
  const min = Number(el.rateMin ?? 1);
  const max = Number(el.rateMax ?? 5);
  const step = Number(el.rateStep ?? 1) || 1;
  const result: Option[] = [];
  for (let v = min; v <= max && result.length < 100; v += step)
    result.push({ value: String(v), label: String(v), raw: v });
  return result;
}

function choicesOf(el: Raw, type: string, locale: Locale): Option[] {
  if (type === "boolean") {
    const [yes, no] = BOOLEAN_OPTIONS[locale];
    const y = el.valueTrue ?? true;
    const n = el.valueFalse ?? false;
    return [
      { value: String(y), label: textOf(el.labelTrue as LocText, locale, yes!.label), raw: y as string | boolean },
      { value: String(n), label: textOf(el.labelFalse as LocText, locale, no!.label), raw: n as string | boolean },
    ];
  }
  if (type === "rating") return ratingOptions(el, locale);
  const choices = options(list(el.choices), locale);
  // SurveyJS's "none" item (showNoneItem, formerly hasNone) stores the value "none".
  if (el.showNoneItem || el.hasNone)
    choices.push({
      value: "none",
      label: textOf(el.noneText as LocText, locale, locale === "ja" ? "なし" : "None"),
      raw: "none",
    });
  return choices;
}

/** The sub-answers of an `items` question. */
function itemsOf(el: Raw, type: string, locale: Locale): Item[] {
  const cell = (column: Raw, fallbackType: string): Omit<Item, "value" | "label"> => {
    const cellType = String(column.cellType ?? el.cellType ?? fallbackType).toLowerCase();
    const choiceCell = !["text", "comment"].includes(cellType);
    const choiceSource = list(column.choices).length ? column : el;
    return {
      options: choiceCell ? choicesOf({ ...choiceSource, ...column }, cellType, locale) : null,
      multiple: cellType === "checkbox" || cellType === "tagbox",
      cellType,
      inputType: String(column.inputType ?? "text"),
    };
  };
  const named = (entries: unknown[]) =>
    entries.filter(isObject).map((e) => ({
      e,
      value: String(e.name ?? e.value ?? ""),
      label: textOf((e.title ?? e.text) as LocText, locale, String(e.name ?? e.value ?? "")),
    }));
  if (type === "multipletext")
    return named(list(el.items)).map(({ e, value, label }) => ({
      value,
      label,
      ...cell({ ...e, cellType: "text" }, "text"),
    }));
  if (type === "matrixdynamic")
    return named(list(el.columns)).map(({ e, value, label }) => ({ value, label, ...cell(e, "dropdown") }));
  if (type === "paneldynamic")
    return named(list(el.templateElements)).map(({ e, value, label }) => ({
      value,
      label,
      ...cell({ ...e, cellType: e.type }, "text"),
    }));
  // matrixdropdown: one item per row and column.
  const columns = named(list(el.columns));
  return options(list(el.rows), locale).flatMap((row) =>
    columns.map(({ e, value, label }) => ({
      value: `${row.value}/${value}`,
      label: `${row.label}：${label}`,
      row: row.value,
      column: value,
      ...cell(e, "dropdown"),
    })),
  );
}

/** Every element in page order, panels flattened, with labels in `locale`. */
export function listElements(definition: SurveyDefinition, locale: Locale = "ja"): QuestionInfo[] {
  const result: QuestionInfo[] = [];
  const visit = (elements: unknown[], pageIndex: number, conditions: string[], panels: string[]) => {
    for (const raw of elements) {
      if (!isObject(raw)) continue;
      const type = String(raw.type).toLowerCase();
      const own = condition(raw.visibleIf);
      const all = own ? [...conditions, own] : conditions;
      if (type === "panel") {
        const title = textOf(raw.title as LocText, locale);
        visit(list(raw.elements), pageIndex, all, title ? [...panels, title] : panels);
        continue;
      }
      if (!(type in kindOfType)) continue;
      const t = type as QuestionType;
      const name = String(raw.name);
      result.push({
        name,
        type: t,
        kind: kindOfType[t],
        title: textOf((raw.title as LocText) ?? undefined, locale, t === "html" || t === "image" ? "" : name),
        description: textOf(raw.description as LocText, locale),
        page: pageIndex,
        required: Boolean(raw.isRequired),
        visibleIf: all.length > 1 ? all.map((c) => `(${c})`).join(" and ") : (all[0] ?? null),
        enableIf: condition(raw.enableIf),
        requiredIf: condition(raw.requiredIf),
        hasOther: Boolean(raw.showOtherItem ?? raw.hasOther),
        otherLabel: textOf(raw.otherText as LocText, locale, locale === "ja" ? "その他" : "Other"),
        choices:
          t === "ranking" || kindOfType[t] === "single" || kindOfType[t] === "multiple"
            ? choicesOf(raw, t, locale)
            : [],
        rows: t === "ranking" ? options(list(raw.choices), locale) : options(list(raw.rows), locale),
        columns:
          t === "ranking"
            ? list(raw.choices).map((_, i) => ({ value: String(i + 1), label: String(i + 1), raw: i + 1 }))
            : t === "matrix"
              ? options(list(raw.columns), locale)
              : [],
        items: kindOfType[t] === "items" ? itemsOf(raw, t, locale) : [],
        inputType: t === "text" ? String(raw.inputType ?? "text") : "text",
        content:
          t === "html"
            ? textOf(raw.html as LocText, locale)
                .replace(/<[^>]*>/g, " ")
                .replace(/\s+/g, " ")
                .trim()
            : t === "image"
              ? String(raw.imageLink ?? "")
              : t === "expression"
                ? String(raw.expression ?? "")
                : "",
        altText: textOf((raw.altText ?? raw.title) as LocText, locale),
        panels,
      });
    }
  };
  for (const [pageIndex, page] of (definition.pages ?? []).entries()) visit(page.elements, pageIndex, [], []);
  return result;
}

/** The questions that take answers (display elements left out), in page order. */
export function listQuestions(definition: SurveyDefinition, locale: Locale = "ja"): QuestionInfo[] {
  return listElements(definition, locale).filter((q) => q.kind !== "display");
}

export function surveyTitleOf(definition: SurveyDefinition, locale: Locale, fallback: string): string {
  return textOf(definition.title as LocText, locale, fallback);
}

/** Single-choice questions can split the respondents into groups (cross-tabulation). */
export function isSingleChoice(q: QuestionInfo): boolean {
  return q.kind === "single";
}
