import type { Route } from "./+types/surveys.$id.export.$file";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { csvContentType } from "#core/files/csv.ts";
import { exportResponses } from "#core/surveys/export-responses.ts";
import { exportResults } from "#core/surveys/export-results.ts";
import { findSurvey } from "#core/surveys/find-survey.ts";
import { toCsv, toXlsx } from "#core/surveys/table-formats.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Downloads: responses.csv / responses.xlsx (raw, secretariat only), results.xlsx (for sharing), definition.json. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const deps = surveysDepsFrom(state.services);
  return orRespond(state, request, async () => {
    const survey = await findSurvey(deps.db, params.id);
    const download = (body: BodyInit, type: string, name: string) =>
      new Response(body, {
        headers: {
          "Content-Type": type,
          "Content-Disposition": `attachment; filename="survey-${survey.id}-${name}"; filename*=UTF-8''${encodeURIComponent(`${survey.title}-${name}`)}`,
          "Cache-Control": "no-store",
        },
      });
    switch (params.file) {
      case "responses.csv": {
        // `?encoding=cp932` for older Excel (422 naming what CP932 cannot hold); UTF-8 with a BOM otherwise.
        const encoding = new URL(request.url).searchParams.get("encoding");
        return download(
          toCsv(await exportResponses(deps, actor, survey.id, state.locale), { encoding }),
          csvContentType(encoding),
          "responses.csv",
        );
      }
      case "responses.xlsx":
        return download(
          await toXlsx([await exportResponses(deps, actor, survey.id, state.locale)]),
          XLSX,
          "responses.xlsx",
        );
      case "results.xlsx": {
        const by = new URL(request.url).searchParams.get("by") || undefined;
        return download(
          await toXlsx(await exportResults(deps, actor, survey.id, { locale: state.locale, by })),
          XLSX,
          "results.xlsx",
        );
      }
      case "definition.json":
        return download(
          JSON.stringify(survey.definition, null, 2),
          "application/json; charset=utf-8",
          "definition.json",
        );
      default:
        throw new Response("Not Found", { status: 404 });
    }
  });
}
