/**
 * How a survey's questions map to the question bank (question-bank.ts), and what a mapped answer
 * counts as. Each question's mapping is the one the staff saved (survey_question_mappings), else
 * the automatic one: in a survey made from a built-in template, a question keeps its template name
 * and so maps to the canonical question of that name, each choice to the code it still has.
 * Anything else maps to nothing until someone says otherwise.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Answers } from "./check-answers.ts";
import type { Option, QuestionInfo } from "./definition.ts";
import { optionsOf } from "./protect-breakdown.ts";
import { bankTemplates, type CanonicalQuestion, canonicalCodes, canonicalQuestion } from "./question-bank.ts";

export type ValueMap = Record<string, string | null>;

export interface QuestionMapping {
  /** the survey's question name */
  question: string;
  /** the canonical question's code, or null: counted in no canonical question */
  canonical: string | null;
  /** staff: saved by someone; automatic: from the template; none: nothing saved, no template name */
  source: "staff" | "automatic" | "none";
  /** survey value → canonical code (null: not counted) for choices, matrix rows and columns */
  choices: ValueMap;
  rows: ValueMap;
  columns: ValueMap;
}

/** Which survey questions can be counted as a canonical question at all (kind and shape agree). */
export function fitsCanonical(q: QuestionInfo, c: CanonicalQuestion): boolean {
  if (q.kind !== c.kind) return false;
  // A ranking is a grid too, but its answer is an order, not a row → column table.
  if (c.kind === "grid") return q.type === "matrix";
  return c.kind !== "items" && c.kind !== "display";
}

/** The survey's options per part, as mapped: choices (with その他), matrix rows and columns. */
export function mappedParts(q: QuestionInfo): { choices: Option[]; rows: Option[]; columns: Option[] } {
  const choiceKinds = q.kind === "single" || q.kind === "multiple";
  return {
    choices: choiceKinds ? optionsOf(q) : [],
    rows: q.kind === "grid" ? q.rows : [],
    columns: q.kind === "grid" ? q.columns : [],
  };
}

const fold = (text: string) => text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/**
 * The mapping that follows from the codes and labels: each survey value to the canonical code it
 * equals, else to the canonical option whose Japanese or English label it has, else to nothing.
 * Matrix rows stay the survey's own when the canonical question has none (Q16's talks).
 */
export function matchByCode(
  q: QuestionInfo,
  c: CanonicalQuestion,
  labelsToo: boolean,
): Omit<QuestionMapping, "question" | "source"> {
  const parts = mappedParts(q);
  const match = (options: Option[], canonical: CanonicalQuestion["choices"] | null): ValueMap => {
    if (canonical === null) return Object.fromEntries(options.map((o) => [o.value, o.value]));
    const codes = new Set(canonical.map((o) => o.code));
    return Object.fromEntries(
      options.map((o) => {
        if (codes.has(o.value)) return [o.value, o.value];
        if (!labelsToo) return [o.value, null];
        const label = fold(o.label);
        const found = canonical.find((x) => fold(x.label.ja) === label || fold(x.label.en) === label);
        return [o.value, found?.code ?? null];
      }),
    );
  };
  return {
    canonical: c.code,
    choices: match(parts.choices, c.choices),
    rows: c.kind === "grid" ? match(parts.rows, c.rows) : {},
    columns: c.kind === "grid" ? match(parts.columns, c.columns) : {},
  };
}

/** The automatic mapping of one question: its template name, when the survey came from a template. */
export function automaticMapping(template: string | null, q: QuestionInfo): QuestionMapping {
  const c = template && bankTemplates.includes(template) ? canonicalQuestion(q.name) : undefined;
  if (c && fitsCanonical(q, c)) return { question: q.name, source: "automatic", ...matchByCode(q, c, false) };
  return { question: q.name, canonical: null, source: "none", choices: {}, rows: {}, columns: {} };
}

/** Every question's mapping in effect: the saved one, else the automatic one. */
export async function loadSurveyMapping(
  db: Kysely<DB>,
  survey: { id: string; template: string | null },
  questions: QuestionInfo[],
): Promise<QuestionMapping[]> {
  const saved = await db
    .selectFrom("survey_question_mappings")
    .selectAll()
    .where("survey_id", "=", survey.id)
    .execute();
  const byQuestion = new Map(saved.map((r) => [r.question, r]));
  return questions.map((q) => {
    const row = byQuestion.get(q.name);
    if (!row) return automaticMapping(survey.template, q);
    const map = JSON.parse(row.map_json) as Partial<Pick<QuestionMapping, "choices" | "rows" | "columns">>;
    return {
      question: q.name,
      canonical: row.canonical,
      source: "staff",
      choices: map.choices ?? {},
      rows: map.rows ?? {},
      columns: map.columns ?? {},
    };
  });
}

/**
 * The problems of a mapping, as field codes: a canonical question the survey question cannot be
 * counted as, a code that is not the canonical question's, two matrix rows on one canonical row.
 */
export function mappingProblems(q: QuestionInfo, m: QuestionMapping): { part: string; code: string }[] {
  if (m.canonical === null) return [];
  const c = canonicalQuestion(m.canonical);
  if (!c) return [{ part: "canonical", code: "choice" }];
  if (!fitsCanonical(q, c)) return [{ part: "canonical", code: "survey-mapping-kind" }];
  const problems: { part: string; code: string }[] = [];
  const parts = mappedParts(q);
  for (const part of ["choices", "rows", "columns"] as const) {
    if (part === "rows" && c.rows === null) continue;
    const allowed = canonicalCodes(c, part);
    const known = new Set(parts[part].map((o) => o.value));
    const targets: string[] = [];
    for (const [value, code] of Object.entries(m[part])) {
      if (!known.has(value)) problems.push({ part: `${part}.${value}`, code: "survey-mapping-value" });
      else if (code !== null && !allowed.has(code)) problems.push({ part: `${part}.${value}`, code: "choice" });
      else if (code !== null) targets.push(code);
    }
    // One respondent answers each matrix row once: two rows on one canonical row would count twice.
    if (part === "rows" && new Set(targets).size !== targets.length)
      problems.push({ part: "rows", code: "survey-mapping-rows" });
  }
  return problems;
}

/**
 * A respondent's answers as the canonical questions see them, keyed by canonical code. A value
 * mapped to nothing is dropped; an answer left with nothing is no answer (the base does not count it).
 */
export function canonicalAnswers(
  answers: Answers,
  mappings: readonly { q: QuestionInfo; m: QuestionMapping; c: CanonicalQuestion }[],
): Answers {
  const out: Answers = {};
  for (const { q, m, c } of mappings) {
    const value = answers[q.name];
    if (value === undefined || value === null || value === "") continue;
    if (c.kind === "single") {
      const code = m.choices[String(value)];
      if (code) out[c.code] = code;
    } else if (c.kind === "multiple") {
      const list = Array.isArray(value) ? value : [value];
      const codes = [...new Set(list.map((v) => m.choices[String(v)]).filter((v): v is string => Boolean(v)))];
      if (codes.length) out[c.code] = codes;
    } else if (c.kind === "grid" && typeof value === "object" && !Array.isArray(value)) {
      const grid: Record<string, string> = {};
      for (const [row, column] of Object.entries(value as Record<string, unknown>)) {
        const r = c.rows === null ? row : m.rows[row];
        const col = m.columns[String(column)];
        if (r && col) grid[r] = col;
      }
      if (Object.keys(grid).length) out[c.code] = grid;
    } else if (c.kind === "text" && typeof value === "string" && value.trim()) {
      out[c.code] = value;
    }
  }
  return out;
}
