import { z } from "zod";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { getSurveyMapping } from "#core/surveys/get-survey-mapping.ts";
import { setSurveyMapping, surveyMappingInputSchema } from "#core/surveys/set-survey-mapping.ts";
import { apiLocale, defineEndpoint, serve } from "./endpoint.ts";

const mappedOption = z.object({ value: z.string(), label: z.string(), canonical: z.string().nullable() });
const bankOption = z.object({ code: z.string(), label: z.string() });
const mapping = z
  .object({
    surveyId: z.string(),
    title: z.string(),
    template: z.string().nullable(),
    questions: z.array(
      z.object({
        name: z.string(),
        title: z.string(),
        kind: z.string(),
        canonical: z.string().nullable(),
        source: z.enum(["staff", "automatic", "none"]),
        choices: z.array(mappedOption),
        rows: z.array(mappedOption),
        columns: z.array(mappedOption),
      }),
    ),
    bank: z.array(
      z.object({
        code: z.string(),
        number: z.string(),
        kind: z.string(),
        title: z.string(),
        choices: z.array(bankOption),
        rows: z.array(bankOption).nullable(),
        columns: z.array(bankOption),
      }),
    ),
  })
  .meta({ id: "SurveyMapping" });

const getMapping = defineEndpoint({
  method: "GET",
  path: "/api/v1/surveys/{id}/mapping",
  summary:
    "How the survey's questions map to the question bank (canonical Q1–Q17 codes): per question its canonical question and, per choice, matrix row and column, the canonical code it counts as (null: not counted); `source` is staff (saved), automatic (a built-in template's question under its own name) or none; `bank` lists the canonical questions and codes in the caller's language",
  tags: ["surveys"],
  access: "secretariat",
  responses: {
    200: { description: "The mapping", schema: mapping },
    404: { description: "No such survey" },
  },
});

const putMapping = defineEndpoint({
  method: "PUT",
  path: "/api/v1/surveys/{id}/mapping",
  summary:
    "Save the mapping of the questions listed (others keep theirs): `canonical` a canonical code of the same kind or null (counted in none), `automatic: true` back to the automatic mapping; in `choices`, `rows`, `columns` each survey value → canonical code or null, values left out matched by code, then by label. All checked first (one canonical question per survey question, two matrix rows never on one canonical row), then written together",
  tags: ["surveys"],
  access: "secretariat",
  body: surveyMappingInputSchema,
  responses: {
    200: { description: "Saved; the mapping as it now stands", schema: mapping },
    404: { description: "No such survey" },
    422: {
      description:
        "Each problem named by its field (questions.<n>.canonical, questions.<n>.choices.<value>, …); nothing written",
    },
  },
});

export const endpoints = [
  serve(getMapping, async ({ actor, state, params, request }) =>
    getSurveyMapping(surveysDepsFrom(state.services), actor, params.id!, { locale: apiLocale(request) }),
  ),
  serve(putMapping, async ({ actor, state, params, body, request }) =>
    setSurveyMapping(surveysDepsFrom(state.services), actor, params.id!, body, { locale: apiLocale(request) }),
  ),
];
