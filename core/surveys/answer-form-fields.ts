/**
 * Field names of the survey answering form, and reading a posted page back into SurveyJS's data
 * shape. The page (app/routes/s.$id.tsx) draws these names; the form works without JavaScript,
 * so every answer is a plain form field:
 * - single choice, boolean, rating, text, comment: `<question>`; multiple choice, tagbox: `<question>` repeated;
 * - matrix row, ranking position of a choice, multipletext item: `<question>::<row|choice|item>`;
 * - matrixdropdown cell: `<question>::<row>::<column>`;
 * - matrixdynamic row i / paneldynamic panel i: `<question>::<i>::<column|name>`.
 */
import type { Answers, Item, QuestionInfo } from "./definition.ts";

export const MATRIX_SEPARATOR = "::";

/** What a posted form offers (FormData and URLSearchParams both do). */
export interface PostedFields {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

export const fieldName = (...parts: (string | number)[]) => parts.join(MATRIX_SEPARATOR);

const text = (v: unknown) => (typeof v === "string" ? v : "");

function readCell(form: PostedFields, item: Item, name: string): unknown {
  if (item.multiple) {
    const list = form.getAll(name).map(text).filter(Boolean);
    return list.length ? list : undefined;
  }
  const v = text(form.get(name));
  return v === "" ? undefined : v;
}

function readItems(form: PostedFields, items: Item[], prefix: (item: Item) => string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const v = readCell(form, item, prefix(item));
    if (v !== undefined) out[item.column ?? item.value] = v;
  }
  return out;
}

/** One question's answer as posted (undefined: nothing given). */
export function readQuestion(form: PostedFields, q: QuestionInfo, entries: number): unknown {
  switch (q.kind) {
    case "multiple":
      return form.getAll(q.name).map(text).filter(Boolean);
    case "grid": {
      if (q.type === "ranking") {
        // Each choice's position; ranked ones in position order (ties keep the choices' order).
        return q.rows
          .map((r, i) => ({ value: r.value, at: Number(text(form.get(fieldName(q.name, r.value)))), i }))
          .filter((r) => Number.isInteger(r.at) && r.at > 0)
          .sort((a, b) => a.at - b.at || a.i - b.i)
          .map((r) => r.value);
      }
      return Object.fromEntries(
        q.rows.map((r) => [r.value, text(form.get(fieldName(q.name, r.value)))] as const).filter(([, v]) => v !== ""),
      );
    }
    case "items": {
      if (q.type === "multipletext") return readItems(form, q.items, (i) => fieldName(q.name, i.value));
      if (q.type === "matrixdropdown") {
        const rows: Record<string, unknown> = {};
        for (const item of q.items) {
          const v = readCell(form, item, fieldName(q.name, item.row!, item.column!));
          if (v !== undefined) rows[item.row!] = { ...(rows[item.row!] as object), [item.column!]: v };
        }
        return rows;
      }
      const list: Record<string, unknown>[] = [];
      for (let i = 0; i < entries; i++) {
        const entry = readItems(form, q.items, (item) => fieldName(q.name, i, item.value));
        if (Object.keys(entry).length) list.push(entry);
      }
      return list;
    }
    case "display":
      return undefined;
    default:
      return form.get(q.name) ?? undefined;
  }
}

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === "" ||
  (Array.isArray(v) && !v.length) ||
  (typeof v === "object" && !Array.isArray(v) && !Object.keys(v as object).length);

/** This page's answers replace what was saved for its questions; other pages' answers stay. */
export function mergePageAnswers(
  saved: Answers,
  questions: (QuestionInfo & { entries?: number })[],
  form: PostedFields,
): Answers {
  const merged: Answers = { ...saved };
  for (const q of questions) {
    if (q.kind === "display") continue;
    delete merged[q.name];
    delete merged[`${q.name}-Comment`];
    const entries = Math.min(Number(text(form.get(fieldName(q.name, "entries")))) || q.entries || 1, 100);
    const value = readQuestion(form, q, entries);
    if (!empty(value)) merged[q.name] = value;
    const comment = form.get(`${q.name}-Comment`);
    if (q.hasOther && typeof comment === "string" && comment.trim()) merged[`${q.name}-Comment`] = comment;
  }
  return merged;
}
