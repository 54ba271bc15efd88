import { z } from "zod";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { createSurvey, createSurveySchema } from "#core/surveys/create-survey.ts";
import { listSurveys } from "#core/surveys/list-surveys.ts";
import { created, defineEndpoint, serve } from "./endpoint.ts";

const summary = z
  .object({
    id: z.string(),
    title: z.string(),
    template: z.string().nullable(),
    access: z.string(),
    status: z.string(),
    accepting: z.boolean(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    eventId: z.string().nullable(),
    responses: z.number().int(),
    partial: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: "SurveySummary" });

const postSurvey = defineEndpoint({
  method: "POST",
  path: "/api/v1/surveys",
  summary:
    "Create a survey from a template (`regional-standard`, `talk-feedback`, `ipa-self-check`: IPA's 自社診断, scored on the server) or from SurveyJS JSON (`definition`); open and public unless told otherwise",
  tags: ["surveys"],
  access: "secretariat",
  body: createSurveySchema,
  responses: { 201: { description: "The new survey's id", schema: z.object({ id: z.string(), url: z.string() }) } },
});
const getSurveys = defineEndpoint({
  method: "GET",
  path: "/api/v1/surveys",
  summary: "Surveys, newest first, with their numbers of complete and partial responses",
  tags: ["surveys"],
  access: "secretariat",
  query: z.object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  }),
  responses: {
    200: { description: "Surveys", schema: z.object({ items: z.array(summary), total: z.number().int() }) },
  },
});

export const endpoints = [
  serve(getSurveys, async ({ actor, state, query }) => listSurveys(surveysDepsFrom(state.services), actor, query)),
  serve(postSurvey, async ({ actor, state, body }) => {
    const { id } = await createSurvey(surveysDepsFrom(state.services), actor, body);
    return created({ id, url: `${state.services.env.baseUrl}/s/${id}` }, `/api/v1/surveys/${id}`);
  }),
];
