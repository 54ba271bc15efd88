/**
 * What one stored answer adds to a question's counts, for every question kind (the rule book is
 * docs/survey-counting.md §1). The running counters (tallies.ts) and the recounts
 * (aggregate-answers.ts) both read answers through this one function, so they cannot disagree.
 */
import type { Item, QuestionInfo } from "./definition.ts";

export interface AnswerCounts {
  /** Choices counted on the question's base (single and multiple choice). */
  values: string[];
  /** Rows (matrix rows, ranked choices, items) each on its own base, with the values counted there. */
  rows: { row: string; values: string[] }[];
  /** The free text listed under the question (items: every text item, joined). */
  text: string | null;
}

const filled = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** The entries of an `items` answer: one object, or a list (dynamic rows and panels). */
function entriesOf(q: QuestionInfo, value: unknown): { item: Item; value: unknown }[] {
  const objects = (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
  const out: { item: Item; value: unknown }[] = [];
  for (const object of objects) {
    if (!object || typeof object !== "object") continue;
    for (const item of q.items) {
      const v =
        q.type === "matrixdropdown"
          ? (object[item.row!] as Record<string, unknown> | undefined)?.[item.column!]
          : object[item.value];
      if (filled(v)) out.push({ item, value: v });
    }
  }
  return out;
}

/** null when the answer does not count as answered (then the question's base does not move). */
export function answerCounts(q: QuestionInfo, value: unknown): AnswerCounts | null {
  if (!filled(value)) return null;
  switch (q.kind) {
    case "single":
      return { values: [String(value)], rows: [], text: null };
    case "multiple": {
      const values = asList(value).filter(filled).map(String);
      return values.length ? { values, rows: [], text: null } : null;
    }
    case "text": {
      const text = String(value).trim();
      return text ? { values: [], rows: [], text: String(value) } : null;
    }
    case "grid": {
      // A ranking's rows are its choices and the value is each one's position (1 = first).
      const rows =
        q.type === "ranking"
          ? asList(value).map((choice, i) => ({ row: String(choice), values: [String(i + 1)] }))
          : Object.entries(value as Record<string, unknown>)
              .filter(([, column]) => filled(column))
              .map(([row, column]) => ({ row, values: [String(column)] }));
      return rows.length ? { values: [], rows, text: null } : null;
    }
    case "items": {
      // Each item is counted once per respondent, however many dynamic rows gave it.
      const rows = new Map<string, Set<string>>();
      const texts: string[] = [];
      for (const { item, value: v } of entriesOf(q, value)) {
        let set = rows.get(item.value);
        if (!set) rows.set(item.value, (set = new Set()));
        if (item.options) for (const one of asList(v)) set.add(String(one));
        else if (String(v).trim()) texts.push(`${item.label}: ${String(v)}`);
      }
      if (!rows.size) return null;
      return {
        values: [],
        rows: [...rows].map(([row, values]) => ({ row, values: [...values] })),
        text: texts.length ? texts.join(" / ") : null,
      };
    }
    case "display":
      return null;
  }
}

/** The rows a question's results list, each with the columns counted on it. */
export function resultRowsOf(
  q: QuestionInfo,
): { value: string; label: string; columns: { value: string; label: string }[] }[] {
  if (q.kind === "grid") return q.rows.map((r) => ({ ...r, columns: q.columns }));
  if (q.kind === "items") return q.items.map((i) => ({ value: i.value, label: i.label, columns: i.options ?? [] }));
  return [];
}
