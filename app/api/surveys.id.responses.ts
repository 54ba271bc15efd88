import { z } from "zod";
import { PUBLIC_WRITES } from "#core/shared/rate-limit.ts";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { isAppError } from "#core/shared/errors.ts";
import { saveResponse } from "#core/surveys/save-response.ts";
import { apiLocale, created, defineEndpoint, serve, withStatus } from "./endpoint.ts";

const answerError = z
  .object({ question: z.string(), code: z.string(), message: z.string() })
  .meta({ id: "SurveyAnswerError" });

const postResponse = defineEndpoint({
  method: "POST",
  path: "/api/v1/surveys/{id}/responses",
  summary:
    "Answer a survey (public survey, or `?invitation=TOKEN`). survey-core on the server decides visibility and validity: answers to hidden questions are dropped; 201 means stored durably",
  tags: ["surveys"],
  access: "public",
  publicWrite: PUBLIC_WRITES.surveyAnswer,
  body: z.object({ answers: z.record(z.string(), z.unknown()) }),
  query: z.object({ invitation: z.string().max(200).optional() }),
  responses: {
    201: { description: "Stored", schema: z.object({ id: z.string(), status: z.literal("complete") }) },
    409: { description: "The survey is closed, or the invitation was used already" },
    422: { description: "Invalid answers, per question", schema: z.object({ errors: z.array(answerError) }) },
  },
});

export const endpoints = [
  serve(postResponse, async ({ actor, state, params, body, query, request }) => {
    try {
      const saved = await saveResponse(
        surveysDepsFrom(state.services),
        {
          surveyId: params.id!,
          answers: body.answers,
          mode: "complete",
          invitationToken: query.invitation ?? null,
          source: "api",
          locale: apiLocale(request),
        },
        actor,
      );
      return created({ id: saved.id, status: "complete" });
    } catch (error) {
      if (isAppError(error) && error.code === "validation-failed") {
        const errors = error.fields.map((f) => ({
          question: f.field,
          code: f.code,
          message: String(f.params?.message ?? ""),
        }));
        return withStatus(422, {
          type: "about:blank",
          title: state.t("error.validation-failed"),
          status: 422,
          code: "validation-failed",
          errors,
        });
      }
      throw error;
    }
  }),
];
