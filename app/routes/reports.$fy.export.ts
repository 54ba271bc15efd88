import type { Route } from "./+types/reports.$fy.export";
import { reportsDepsFrom } from "#core/reports/deps.ts";
import { exportAnnualReport } from "#core/reports/export-annual-report.ts";
import { stateOf } from "../context.ts";
import { attachment, orRespond, requireSecretariatPage } from "../lib/http.server.ts";

/** `?format=docx|pdf`: the report as a download; core audits every export. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const file = await orRespond(state, request, () =>
    exportAnnualReport(reportsDepsFrom(state.services), actor, {
      fiscalYear: params.fy,
      format: url.searchParams.get("format"),
    }),
  );
  return attachment(file);
}
