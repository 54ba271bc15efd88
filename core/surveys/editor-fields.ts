/**
 * The staff editor's view of one element of a survey's SurveyJS JSON, as the text fields of its
 * form, and how a saved form changes the element. Only a field whose text differs from what
 * was shown is written back, each in the element's own shape: a plain-string title stays a
 * string, a `"value|text"` choice stays a string, a choice's other properties (its own
 * `visibleIf`, …) stay on it. So opening a question and saving it changes nothing, whatever
 * SurveyJS wrote. Properties the editor has no field for are kept as they are and listed on the
 * page (`kept`).
 */
import { AppError } from "../shared/errors.ts";
import { kindOfType, type LocText, textOf } from "./definition.ts";

export type Element = Record<string, unknown> & { name: string; type: string };

/** The type-specific fields of the form (the common ones: name, type, titles, required, condition, page). */
export const extraFields = [
  "choices",
  "rows",
  "columns",
  "items",
  "rateMin",
  "rateMax",
  "rateStep",
  "labelTrue",
  "labelFalse",
  "html",
  "formula",
] as const;
export type ExtraField = (typeof extraFields)[number];

/** Every type the editor can show (what an import may hold), panels included. */
export const editableTypes = [...Object.keys(kindOfType), "panel"] as const;

export interface EditorView {
  name: string;
  type: string;
  /** 1-based page */
  page: number;
  /** The panel it sits in (its name or title), if any. */
  panel: string;
  titleJa: string;
  titleEn: string;
  required: boolean;
  hasOther: boolean;
  /** Its visibleIf, as the editor's expression field shows it. */
  expression: string;
  /** The text of each type-specific field (only those in `fields` are on the form). */
  values: Record<ExtraField, string>;
  fields: ExtraField[];
  /** Whether the form has the required / "other" boxes for this type. */
  toggles: ("required" | "hasOther")[];
  /** Properties the editor cannot change: kept as they are. */
  kept: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const CHOICE_TYPES = ["radiogroup", "dropdown", "checkbox", "tagbox"];
const hasRateValues = (el: Record<string, unknown>) => list(el.rateValues).length > 0;

export function fieldsOf(type: string, element?: Record<string, unknown>): ExtraField[] {
  if (CHOICE_TYPES.includes(type) || type === "ranking") return ["choices"];
  switch (type) {
    case "rating":
      return element && hasRateValues(element) ? ["choices"] : ["rateMin", "rateMax", "rateStep"];
    case "boolean":
      return ["labelTrue", "labelFalse"];
    case "matrix":
      return ["rows", "columns"];
    case "multipletext":
      return ["items"];
    case "html":
      return ["html"];
    case "expression":
      return ["formula"];
    default:
      return [];
  }
}

function togglesOf(type: string): ("required" | "hasOther")[] {
  if (type === "panel" || kindOfType[type as keyof typeof kindOfType] === "display") return [];
  return CHOICE_TYPES.includes(type) ? ["required", "hasOther"] : ["required"];
}

/** The element's keys each field of the form reads and writes. */
function ownedKeys(type: string, element: Record<string, unknown>): string[] {
  const keys = ["type", "name", "title", "visibleIf"];
  const toggles = togglesOf(type);
  if (toggles.includes("required")) keys.push("isRequired", ...(type === "matrix" ? ["isAllRowRequired"] : []));
  if (toggles.includes("hasOther")) keys.push("showOtherItem", "hasOther", "otherText");
  for (const field of fieldsOf(type, element)) {
    if (field === "choices") keys.push(type === "rating" ? "rateValues" : "choices");
    else if (field === "formula") keys.push("expression");
    else keys.push(field);
  }
  // A panel's elements are edited as questions of their own.
  if (type === "panel") keys.push("elements");
  return keys;
}

// ——— lines of options: `value | 日本語 | English` ———

type Key = "value" | "name";
const textKeyOf = (key: Key) => (key === "name" ? "title" : "text");

function entryValue(entry: unknown, key: Key): string {
  if (typeof entry === "string") {
    const bar = entry.indexOf("|");
    return bar < 0 ? entry : entry.slice(0, bar);
  }
  if (isObject(entry)) return String(entry[key] ?? entry.value ?? entry.name ?? "");
  return String(entry);
}

/** One entry as the editor shows it: `value`, `value | label` or `value | 日本語 | English`. */
function lineOf(entry: unknown, key: Key): string {
  if (typeof entry === "string") {
    const bar = entry.indexOf("|");
    return bar < 0 ? entry : `${entry.slice(0, bar)} | ${entry.slice(bar + 1)}`;
  }
  if (!isObject(entry)) return String(entry);
  const value = entryValue(entry, key);
  const text = entry[textKeyOf(key)] as LocText;
  if (text === undefined) return value;
  const ja = textOf(text, "ja", value);
  const en = textOf(text, "en", "");
  return en && en !== ja ? `${value} | ${ja} | ${en}` : `${value} | ${ja}`;
}

export const linesOf = (entries: unknown, key: Key = "value") =>
  list(entries)
    .map((e) => lineOf(e, key))
    .join("\n");

const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** A new code must be a code (no spaces, quotes, braces or commas, which conditions cannot hold). */
const badCode = (value: string) => !value || /[\s'"{},、|]|::/.test(value);

/** A localisable text after the editor changed it, in the shape it had. */
export function changedText(previous: unknown, before: { ja: string; en: string }, ja: string, en: string): LocText {
  if (ja === before.ja && en === before.en) return previous as LocText;
  if (previous === undefined || previous === null || typeof previous === "string") {
    // A plain string's English field only echoes it: unchanged English keeps it one string.
    if (!en || en === ja || (typeof previous === "string" && en === before.en)) return ja;
    return { ja, en };
  }
  const next = { ...(previous as Record<string, string>) };
  if (ja !== before.ja) {
    if ("ja" in next || !("default" in next)) next.ja = ja;
    else next.default = ja;
  }
  if (en !== before.en) {
    if (en) next.en = en;
    else delete next.en;
  }
  return next;
}

function rebuildEntries(previous: unknown[], text: string, key: Key, field: string): unknown[] {
  const lines = splitLines(text);
  const result = lines.map((line) => {
    const [value = "", ja = "", en = ""] = line.split("|").map((p) => p.trim());
    const old = previous.find((e) => entryValue(e, key) === value);
    if (old !== undefined && lineOf(old, key) === line) return old;
    const label = ja || value;
    const english = en || label;
    if (old === undefined) {
      if (badCode(value)) throw new AppError("validation-failed", { fields: [{ field, code: "survey-choice-code" }] });
      return { [key]: value, [textKeyOf(key)]: { ja: label, en: english } };
    }
    if (isObject(old)) {
      const textKey = textKeyOf(key);
      const shown = lineOf(old, key)
        .split("|")
        .map((p) => p.trim());
      const before = { ja: shown[1] ?? value, en: shown[2] ?? shown[1] ?? value };
      return { ...old, [textKey]: changedText(old[textKey], before, label, english) };
    }
    // A string or number entry: a new label makes `value|label`, a new English an object.
    if (english !== label) return { [key]: old, [textKeyOf(key)]: { ja: label, en: english } };
    if (label === value) return typeof old === "number" ? old : value;
    return `${value}|${label}`;
  });
  if (new Set(result.map((e) => entryValue(e, key))).size !== result.length)
    throw new AppError("validation-failed", { fields: [{ field, code: "survey-choice-duplicate" }] });
  return result;
}

// ——— the view ———

function valuesOf(el: Record<string, unknown>): Record<ExtraField, string> {
  const type = String(el.type).toLowerCase();
  const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    choices: linesOf(type === "rating" ? el.rateValues : el.choices),
    rows: linesOf(el.rows),
    columns: linesOf(el.columns),
    items: linesOf(el.items, "name"),
    rateMin: str(el.rateMin),
    rateMax: str(el.rateMax),
    rateStep: str(el.rateStep),
    labelTrue: textOf(el.labelTrue as LocText, "ja"),
    labelFalse: textOf(el.labelFalse as LocText, "ja"),
    html: textOf(el.html as LocText, "ja"),
    formula: str(el.expression),
  };
}

export function editorViewOf(el: Element, page: number, panel = ""): EditorView {
  const type = String(el.type).toLowerCase();
  const owned = new Set(ownedKeys(type, el));
  return {
    name: String(el.name ?? ""),
    type,
    page,
    panel,
    titleJa: textOf(el.title as LocText, "ja", ""),
    titleEn: textOf(el.title as LocText, "en", ""),
    required: Boolean(el.isRequired),
    hasOther: Boolean(el.showOtherItem ?? el.hasOther),
    expression: typeof el.visibleIf === "string" ? el.visibleIf.trim() : "",
    values: valuesOf(el),
    fields: fieldsOf(type, el),
    toggles: togglesOf(type),
    kept: Object.keys(el).filter((k) => !owned.has(k)),
  };
}

/** Every element of the definition in page order, the questions inside panels after their panel. */
export function editorViews(definition: { pages?: { elements: unknown[] }[] }): EditorView[] {
  const views: EditorView[] = [];
  const visit = (elements: unknown[], page: number, panel: string) => {
    for (const el of elements) {
      if (!isObject(el) || typeof el.type !== "string") continue;
      views.push(editorViewOf(el as Element, page, panel));
      if (el.type.toLowerCase() === "panel")
        visit(list(el.elements), page, String(el.name ?? textOf(el.title as LocText, "ja")));
    }
  };
  for (const [p, page] of (definition.pages ?? []).entries()) visit(page.elements, p + 1, "");
  return views;
}

// ——— a saved form applied to the element ———

/** What the form posted; undefined: the field was not on the form (kept as it is). */
export interface EditorChanges {
  name: string;
  type: string;
  titleJa: string;
  titleEn?: string;
  required?: boolean;
  hasOther?: boolean;
  /** The new visibleIf ("" none); undefined: unchanged. */
  visibleIf?: string;
  values: Partial<Record<ExtraField, string>>;
}

const sameLines = (a: string, b: string) => splitLines(a).join("\n") === splitLines(b).join("\n");
const sameText = (a: string, b: string) => a.replace(/\r\n/g, "\n").trim() === b.replace(/\r\n/g, "\n").trim();

function numberField(text: string, field: string): number | undefined {
  if (!text.trim()) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n)) throw new AppError("validation-failed", { fields: [{ field, code: "survey-rate-number" }] });
  return n;
}

/** The element after the editor's changes: everything not changed on the form stays as it was. */
export function applyEditorChanges(previous: Element, changes: EditorChanges): Element {
  const before = editorViewOf(previous, 1);
  const next: Element = { ...previous };
  const set = (key: string, value: unknown) => {
    if (value === undefined || value === "") delete next[key];
    else next[key] = value;
  };
  if (changes.name !== before.name) next.name = changes.name;
  if (changes.type !== before.type) next.type = changes.type;
  const titleEn = changes.titleEn ?? before.titleEn;
  if (changes.titleJa !== before.titleJa || titleEn !== before.titleEn)
    set(
      "title",
      changes.titleJa
        ? changedText(previous.title, { ja: before.titleJa, en: before.titleEn }, changes.titleJa, titleEn)
        : undefined,
    );
  if (changes.required !== undefined && changes.required !== before.required) {
    set("isRequired", changes.required || undefined);
    if (before.type === "matrix" || changes.type === "matrix") set("isAllRowRequired", changes.required || undefined);
  }
  if (changes.hasOther !== undefined && changes.hasOther !== before.hasOther) {
    if (changes.hasOther) {
      next.showOtherItem = true;
      delete next.hasOther;
      if (next.otherText === undefined) next.otherText = { ja: "その他", en: "Other" };
    } else {
      delete next.showOtherItem;
      delete next.hasOther;
    }
  }
  if (changes.visibleIf !== undefined && changes.visibleIf !== before.expression) set("visibleIf", changes.visibleIf);
  const type = String(previous.type).toLowerCase();
  for (const field of fieldsOf(type, previous)) {
    const text = changes.values[field];
    const shown = before.values[field];
    if (text === undefined) continue;
    switch (field) {
      case "choices":
      case "rows":
      case "columns":
      case "items": {
        if (sameLines(text, shown)) break;
        const key = field === "choices" && type === "rating" ? "rateValues" : field;
        next[key] = rebuildEntries(list(previous[key]), text, field === "items" ? "name" : "value", field);
        break;
      }
      case "rateMin":
      case "rateMax":
      case "rateStep":
        if (text.trim() !== shown) set(field, numberField(text, field));
        break;
      case "labelTrue":
      case "labelFalse":
      case "html": {
        if (sameText(text, shown)) break;
        const value = text.replace(/\r\n/g, "\n").trim();
        const en = textOf(previous[field] as LocText, "en", "");
        set(field, value ? changedText(previous[field], { ja: shown, en }, value, en) : undefined);
        break;
      }
      case "formula":
        if (text.trim() !== shown) set("expression", text.trim());
        break;
    }
  }
  return next;
}
