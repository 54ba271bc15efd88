import { z } from "zod";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { reviewSurveyText } from "#core/surveys/review-survey-text.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const postReview = defineEndpoint({
  method: "POST",
  path: "/api/v1/surveys/{id}/text-reviews",
  summary:
    "Decide how one free text (a text answer or an その他 text) appears in views for sharing: " +
    "approved as written, redacted (`sharedText` instead), or hidden. Unreviewed texts are hidden there. Audited",
  tags: ["surveys"],
  access: "secretariat",
  body: z.object({
    responseId: z.string().max(100),
    question: z.string().max(100),
    kind: z.enum(["other", "text"]),
    decision: z.enum(["approved", "redacted", "hidden"]),
    sharedText: z.string().max(2000).optional(),
  }),
  responses: {
    200: { description: "Recorded", schema: z.object({ ok: z.literal(true) }) },
    404: { description: "No such text in this survey" },
  },
});

export const endpoints = [
  serve(postReview, async ({ actor, state, params, body }) => {
    await reviewSurveyText(surveysDepsFrom(state.services), actor, params.id!, body);
    return { ok: true as const };
  }),
];
