/**
 * Per-talk feedback after a seminar: one five-point usefulness rating per talk (the same columns
 * as Q16, so "有益であった以上" is computed the same way) and a free comment.
 */
import { type Talk, talkRows, usefulnessColumns } from "./build.ts";

export const TALK_FEEDBACK = "talk-feedback";

export function talkFeedbackDefinition(talks: Talk[], title: string) {
  return {
    locale: "ja",
    title: { ja: title, en: title },
    showQuestionNumbers: "off",
    pages: [
      {
        name: "feedback",
        elements: [
          {
            type: "matrix",
            name: "q16",
            isRequired: true,
            isAllRowRequired: true,
            title: {
              ja: "各講演はあなたにとって有益でしたか。講演ごとにもっとも近いものを1つずつ選択してください。",
              en: "Was each talk useful to you? Choose one answer per talk.",
            },
            columns: usefulnessColumns,
            rows: talkRows(talks),
          },
          {
            type: "comment",
            name: "comment",
            title: { ja: "ご意見・ご感想があればご記入ください。", en: "Any comments?" },
          },
        ],
      },
    ],
  };
}
