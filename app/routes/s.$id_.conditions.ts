/**
 * The answering page's live conditions (POST the page's form; JSON back): survey-core on the
 * server evaluates visibleIf / enableIf / requiredIf for the answers as they stand, so the
 * page's script shows and hides exactly what the server will judge. A convenience: the page
 * works without it.
 */
import type { Route } from "./+types/s.$id_.conditions";
import { evaluatePageConditions } from "#core/surveys/evaluate-page-conditions.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";
import { readResumeSecret } from "./s.answer-form.server.ts";

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  const result = await orRespond(state, request, () =>
    evaluatePageConditions(state.services.accounts, {
      surveyId: params.id,
      form,
      invitationToken: new URL(request.url).searchParams.get("i"),
      resumeSecret: readResumeSecret(request, params.id),
      locale: state.locale,
    }),
  );
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}
