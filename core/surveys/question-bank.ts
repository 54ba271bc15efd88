/**
 * The question bank: canonical questions with stable codes, so that surveys that word their
 * questions differently (another community's own questionnaire) can be counted together. Its
 * first entries are Q1–Q17 of the standard regional questionnaire (shared/spec/questionnaire.md),
 * read from the built-in template itself (templates/regional-standard.ts): one definition of the
 * codes, never a copy. A survey's questions are mapped onto these (map-survey-questions.ts).
 */
import type { Localised } from "./templates/build.ts";
import { otherText } from "./templates/build.ts";
import { listQuestions, parseDefinition, type QuestionInfo, type QuestionKind } from "./definition.ts";
import { REGIONAL_STANDARD, regionalStandardDefinition } from "./templates/regional-standard.ts";
import { TALK_FEEDBACK } from "./templates/talk-feedback.ts";

export interface CanonicalOption {
  /** the stable code (the template's choice, row or column value; `other` for その他) */
  code: string;
  label: Localised;
}

export interface CanonicalQuestion {
  /** the stable code: the template's question name (q1 … q17, q16_attended) */
  code: string;
  /** the questionnaire's number, as reports print it (Q1 … Q17) */
  number: string;
  kind: QuestionKind;
  title: Localised;
  hasOther: boolean;
  /** single and multiple choice: the choices, `other` last when the question has one */
  choices: CanonicalOption[];
  /** a matrix's rows; null when each survey brings its own (Q16: one row per talk of its seminar) */
  rows: CanonicalOption[] | null;
  columns: CanonicalOption[];
}

/** The templates whose questions map to the bank by their own names (the automatic mapping). */
export const bankTemplates: readonly string[] = [REGIONAL_STANDARD, TALK_FEEDBACK];

/** A placeholder talk, so that the template includes Q16; its rows are the survey's own. */
const placeholderTalks = [{ id: "talk", title: "—" }];

const localised = (ja: string, en: string): Localised => ({ ja, en });

function canonicalFrom(ja: QuestionInfo, en: QuestionInfo): CanonicalQuestion {
  const options = (a: QuestionInfo["choices"], b: QuestionInfo["choices"]) =>
    a.map((o, i) => ({ code: o.value, label: localised(o.label, b[i]?.label ?? o.label) }));
  const number = /^q(\d+)/.exec(ja.name)?.[1];
  // The template's titles start with their number ("Q1 …"); the bank keeps the number apart.
  const strip = (title: string) => title.replace(/^Q\d+\s+/, "");
  return {
    code: ja.name,
    number: number ? `Q${number}` : ja.name,
    kind: ja.kind,
    title: localised(strip(ja.title), strip(en.title)),
    hasOther: ja.hasOther,
    choices: [...options(ja.choices, en.choices), ...(ja.hasOther ? [{ code: "other", label: { ...otherText } }] : [])],
    rows: ja.kind !== "grid" ? [] : ja.name === "q16" ? null : options(ja.rows, en.rows),
    columns: options(ja.columns, en.columns),
  };
}

function buildBank(): CanonicalQuestion[] {
  const definition = parseDefinition(regionalStandardDefinition({ talks: placeholderTalks }));
  const ja = listQuestions(definition, "ja");
  const en = listQuestions(definition, "en");
  return ja.map((q, i) => canonicalFrom(q, en[i]!));
}

/** Every canonical question, in the questionnaire's order. */
export const questionBank: readonly CanonicalQuestion[] = buildBank();

const byCode = new Map(questionBank.map((q) => [q.code, q]));

export function canonicalQuestion(code: string): CanonicalQuestion | undefined {
  return byCode.get(code);
}

/** The codes a survey value may be mapped to, per part of the question. */
export function canonicalCodes(q: CanonicalQuestion, part: "choices" | "rows" | "columns"): Set<string> {
  return new Set((q[part] ?? []).map((o) => o.code));
}
