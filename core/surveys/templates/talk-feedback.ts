/**
 * Per-talk feedback after a seminar: one five-point usefulness rating per talk (the same columns
 * as Q16, so "有益であった以上" is computed the same way) and a free comment.
 */
import { freeText, grid, type Talk, talkRows, usefulnessColumns } from "./build.ts";

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
          grid(
            "q16",
            {
              ja: "各講演はあなたにとって有益でしたか。講演ごとにもっとも近いものを1つずつ選択してください。",
              en: "Was each talk useful to you? Choose one answer per talk.",
            },
            usefulnessColumns,
            talkRows(talks),
          ),
          freeText("comment", { ja: "ご意見・ご感想があればご記入ください。", en: "Any comments?" }),
        ],
      },
    ],
  };
}
