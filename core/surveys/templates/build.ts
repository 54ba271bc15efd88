/**
 * Small builders for SurveyJS JSON with Japanese and English text. Strings are SurveyJS
 * localisable objects `{ ja, en }`; a survey built with them sets `locale: "ja"`.
 */
export interface Localised {
  ja: string;
  en: string;
}

export type Choice = { value: string; text: Localised };

/** `[value, ja, en]` triples → SurveyJS choices. */
export function choices(list: [string, string, string][]): Choice[] {
  return list.map(([value, ja, en]) => ({ value, text: { ja, en } }));
}

export const otherText: Localised = { ja: "その他", en: "Other" };
export const otherPlaceholder: Localised = { ja: "具体的にご記入ください", en: "Please specify" };

/** The "other" option with its free-text field, required only when ticked (SurveyJS's own rule). */
export const withOther = { showOtherItem: true, otherText, otherPlaceholder } as const;

/** The five-point usefulness scale of Q16 and the talk-feedback survey; the top two are "有益であった以上". */
export const usefulnessColumns = choices([
  ["very-useful", "非常に有益であった", "Very useful"],
  ["useful", "有益であった", "Useful"],
  ["neutral", "どちらともいえない", "Neither"],
  ["not-very-useful", "あまり有益ではなかった", "Not very useful"],
  ["not-useful", "有益ではなかった", "Not useful"],
]);
/** "有益であった以上" (useful or better): the top two of the usefulness scale, counted together. */
export const usefulOrBetter: readonly string[] = ["very-useful", "useful"];

export interface Talk {
  id: string;
  title: string;
}

/** One matrix row per talk: the row value is the talk's id, so results follow the programme. */
export function talkRows(talks: Talk[]): Choice[] {
  return talks.map((talk, index) => ({
    value: talk.id,
    text: { ja: `講演${index + 1}「${talk.title}」`, en: `Talk ${index + 1}: ${talk.title}` },
  }));
}

/** How a question is asked: required unless told, shown only when `visibleIf` holds, with an "other" field. */
export interface Asking {
  required?: boolean;
  visibleIf?: string;
  other?: boolean;
}

/** `[value, ja, en]` triples or choices already built. */
type ChoiceList = [string, string, string][] | Choice[];
const choiceList = (list: ChoiceList): Choice[] =>
  list.map((c) => (Array.isArray(c) ? { value: c[0], text: { ja: c[1], en: c[2] } } : c));

/**
 * One SurveyJS question: its type and stable name, its title, how it is asked and the rest of its
 * properties (choices, columns, rows, placeholder). A matrix asks for every row.
 */
export function question(type: string, name: string, title: Localised, asking: Asking, rest: object = {}) {
  return {
    type,
    name,
    ...(asking.required === false ? {} : { isRequired: true }),
    ...(type === "matrix" ? { isAllRowRequired: true } : {}),
    ...(asking.visibleIf ? { visibleIf: asking.visibleIf } : {}),
    ...(asking.other ? withOther : {}),
    title,
    ...rest,
  };
}

/** Choose one (radio buttons). */
export const single = (name: string, title: Localised, list: ChoiceList, asking: Asking = {}) =>
  question("radiogroup", name, title, asking, { choices: choiceList(list) });

/** Choose all that apply (check boxes). */
export const multiple = (name: string, title: Localised, list: ChoiceList, asking: Asking = {}) =>
  question("checkbox", name, title, asking, { choices: choiceList(list) });

/** One answer per row, from the same columns. */
export const grid = (name: string, title: Localised, columns: ChoiceList, rows: ChoiceList, asking: Asking = {}) =>
  question("matrix", name, title, asking, { columns: choiceList(columns), rows: choiceList(rows) });

/** A free text; optional unless told. */
export const freeText = (name: string, title: Localised, asking: Asking = {}) =>
  question("comment", name, title, { required: false, ...asking });
