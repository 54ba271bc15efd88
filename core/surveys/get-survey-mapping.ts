import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { listQuestions, type Locale, type QuestionKind } from "./definition.ts";
import type { SurveysDeps } from "./deps.ts";
import { findSurvey } from "./find-survey.ts";
import { questionBank } from "./question-bank.ts";
import { loadSurveyMapping, mappedParts, type QuestionMapping } from "./survey-mapping.ts";

export interface MappedOption {
  value: string;
  label: string;
  /** the canonical code it counts as, or null */
  canonical: string | null;
}

export interface MappedQuestion {
  name: string;
  title: string;
  kind: QuestionKind;
  canonical: string | null;
  source: QuestionMapping["source"];
  choices: MappedOption[];
  rows: MappedOption[];
  columns: MappedOption[];
}

export interface BankOption {
  code: string;
  label: string;
}

export interface BankEntry {
  code: string;
  number: string;
  kind: QuestionKind;
  title: string;
  choices: BankOption[];
  /** null: the survey's own rows (Q16's talks) */
  rows: BankOption[] | null;
  columns: BankOption[];
}

export interface SurveyMappingView {
  surveyId: string;
  title: string;
  template: string | null;
  questions: MappedQuestion[];
  /** the question bank, labels in the requested language */
  bank: BankEntry[];
}

/** The question bank in one language. */
export function bankIn(locale: Locale): BankEntry[] {
  const options = (list: readonly { code: string; label: { ja: string; en: string } }[]) =>
    list.map((o) => ({ code: o.code, label: o.label[locale] }));
  return questionBank.map((c) => ({
    code: c.code,
    number: c.number,
    kind: c.kind,
    title: c.title[locale],
    choices: options(c.choices),
    rows: c.rows === null ? null : options(c.rows),
    columns: options(c.columns),
  }));
}

/**
 * A survey's questions with the canonical question and codes each maps to (saved by the staff, or
 * automatic for a built-in template's questions), and the bank to choose from.
 */
export async function getSurveyMapping(
  deps: SurveysDeps,
  actor: Actor,
  surveyId: string,
  options: { locale?: Locale } = {},
): Promise<SurveyMappingView> {
  requireSecretariat(actor);
  const locale = options.locale ?? "ja";
  const survey = await findSurvey(deps.db, surveyId);
  const questions = listQuestions(survey.definition, locale);
  const mappings = await loadSurveyMapping(deps.db, survey, questions);
  return {
    surveyId: survey.id,
    title: survey.title,
    template: survey.template,
    questions: questions.map((q, i) => {
      const m = mappings[i]!;
      const parts = mappedParts(q);
      const mapped = (part: "choices" | "rows" | "columns") =>
        parts[part].map((o) => ({
          value: o.value,
          label: o.label,
          canonical: m.canonical ? (m[part][o.value] ?? null) : null,
        }));
      return {
        name: q.name,
        title: q.title,
        kind: q.kind,
        canonical: m.canonical,
        source: m.source,
        choices: mapped("choices"),
        rows: mapped("rows"),
        columns: mapped("columns"),
      };
    }),
    bank: bankIn(locale),
  };
}
