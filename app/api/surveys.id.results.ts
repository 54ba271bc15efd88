import { z } from "zod";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { computeResults } from "#core/surveys/compute-results.ts";
import { resultCellSchema } from "#core/surveys/results-schema.ts";
import { apiLocale, defineEndpoint, serve } from "./endpoint.ts";

const question = z
  .object({
    name: z.string(),
    type: z.string(),
    title: z.string(),
    base: z.number().int().nullable(),
    choices: z.array(resultCellSchema),
    combined: z.array(resultCellSchema),
    other: z.array(z.string()),
    texts: z.array(z.string()),
    rows: z.array(
      z.object({
        value: z.string(),
        label: z.string(),
        base: z.number().int().nullable(),
        columns: z.array(resultCellSchema),
        combined: z.array(resultCellSchema),
      }),
    ),
  })
  .meta({ id: "SurveyQuestionResult" });
const results = z
  .object({
    id: z.string(),
    title: z.string(),
    /** valid responses (有効回答): every figure is over these */
    responses: z.number().int(),
    /** complete responses the secretariat marked invalid, left out of every figure */
    excluded: z.number().int(),
    questions: z.array(question),
    suppressed: z.boolean(),
    crossTabs: z.array(
      z.object({
        by: z.string(),
        byTitle: z.string(),
        question: z.string(),
        groups: z.array(
          z.object({ value: z.string(), label: z.string(), base: z.number().int().nullable(), result: question }),
        ),
      }),
    ),
    textReviews: z.array(
      z.object({
        responseId: z.string(),
        question: z.string(),
        kind: z.enum(["other", "text"]),
        text: z.string(),
        decision: z.enum(["pending", "approved", "redacted", "hidden"]),
        sharedText: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: "SurveyResults" });

const getResults = defineEndpoint({
  method: "GET",
  path: "/api/v1/surveys/{id}/results",
  summary:
    "Results of the valid responses (complete, not marked invalid; `excluded` says how many were left out): per question base (shown and answered), counts, percent = round(100 × count / base, 1) or null when the base is 0; `by` cross-tabulates by a single-choice question; `shared=1` is the view for sharing: small groups and cells are hidden together with every figure that would give one away (docs/survey-counting.md §4), and free texts appear only as reviewed (approved or redacted; unreviewed ones are hidden)",
  tags: ["surveys"],
  access: "secretariat",
  query: z.object({
    by: z.string().max(100).optional(),
    question: z.string().max(100).optional(),
    shared: z.enum(["0", "1"]).optional(),
  }),
  responses: { 200: { description: "Results", schema: results } },
});

export const endpoints = [
  serve(getResults, async ({ actor, state, params, query, request }) =>
    computeResults(surveysDepsFrom(state.services), actor, params.id!, {
      locale: apiLocale(request),
      by: query.by,
      crossQuestion: query.question,
      forSharing: query.shared === "1",
    }),
  ),
];
