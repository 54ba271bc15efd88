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
