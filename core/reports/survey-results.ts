/**
 * The survey results the report reads: the shape of core/surveys/compute-results.ts (the
 * contract of `GET /api/v1/surveys/{id}/results`). Declared here as well so the report depends
 * on the shape, not on the surveys capability's internals.
 */
export interface ResultCell {
  value: string;
  label: string;
  count: number;
  /** round(100 × count / base, 1); null when the base is 0. */
  percent: number | null;
}

export interface ResultRow {
  value: string;
  label: string;
  base: number;
  columns: ResultCell[];
}

export interface QuestionResult {
  name: string;
  /** SurveyJS type: radiogroup, checkbox, dropdown, matrix, comment, text, boolean, … */
  type: string;
  title: string;
  /** Responses to which the question was shown and which answered it. */
  base: number;
  choices: ResultCell[];
  /** The free texts written beside その他. */
  other: string[];
  /** Free-text answers of a text question. */
  texts: string[];
  /** Matrix rows (empty for other types). */
  rows: ResultRow[];
}

export interface SurveyResults {
  /** valid responses: every figure is over these */
  responses: number;
  /** responses the secretariat marked invalid (duplicates, tests, out of scope), left out */
  excluded?: number;
  questions: QuestionResult[];
}

/** round(100 × count / base, 1), null for an empty base — the one rounding, applied once. */
export function percentOf(count: number, base: number): number | null {
  return base > 0 ? Math.round((1000 * count) / base) / 10 : null;
}

/** Multiple choice (percentages do not add up to 100 %). */
export function isMultipleChoice(q: QuestionResult): boolean {
  return q.type === "checkbox" || q.type === "tagbox";
}

export function isMatrix(q: QuestionResult): boolean {
  return q.rows.length > 0;
}

export function isTextQuestion(q: QuestionResult): boolean {
  return q.type === "comment" || q.type === "text";
}
