import { z } from "zod";
import { computeCanonicalResults } from "#core/surveys/compute-canonical-results.ts";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { resultCellSchema } from "#core/surveys/results-schema.ts";
import { apiLocale, defineEndpoint, serve } from "./endpoint.ts";

const results = z
  .object({
    surveyId: z.string(),
    title: z.string(),
    responses: z.number().int().nullable(),
    asked: z.array(z.string()),
    suppressed: z.boolean(),
    questions: z.array(
      z.object({
        code: z.string(),
        number: z.string(),
        kind: z.string(),
        title: z.string(),
        asked: z.boolean(),
        question: z.string().nullable(),
        base: z.number().int().nullable(),
        choices: z.array(resultCellSchema),
        combined: z.array(resultCellSchema),
        rows: z.array(
          z.object({
            value: z.string(),
            label: z.string(),
            base: z.number().int().nullable(),
            columns: z.array(resultCellSchema),
            combined: z.array(resultCellSchema),
            suppressed: z.boolean().optional(),
          }),
        ),
        suppressed: z.boolean().optional(),
      }),
    ),
  })
  .meta({ id: "CanonicalResults" });

const getResults = defineEndpoint({
  method: "GET",
  path: "/api/v1/surveys/{id}/canonical-results",
  summary:
    "The valid responses counted by the question bank's codes through the survey's mapping: per canonical question whether this survey asked it, its base and the count per canonical choice (a matrix: per row and column); `shared=1` hides every figure under 5 and the cells from which one could be derived. Counts only, never free text",
  tags: ["surveys"],
  access: "secretariat",
  query: z.object({ shared: z.enum(["0", "1"]).optional() }),
  responses: { 200: { description: "Canonical results", schema: results }, 404: { description: "No such survey" } },
});

export const endpoints = [
  serve(getResults, async ({ actor, state, params, query, request }) =>
    computeCanonicalResults(surveysDepsFrom(state.services), actor, params.id!, {
      locale: apiLocale(request),
      forSharing: query.shared === "1",
    }),
  ),
];
