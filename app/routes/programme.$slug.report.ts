import type { Route } from "./+types/programme.$slug.report";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { exportProgrammeReport } from "#core/programme/export-programme-report.ts";
import { stateOf } from "../context.ts";
import { attachment, orRespond, requireUserPage } from "../lib/http.server.ts";

/** `?fiscalYear=2020&format=docx|pdf`: the programme summary report as a download. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const file = await orRespond(state, request, () =>
    exportProgrammeReport(
      programmeDepsFrom(state.services),
      actor,
      params.slug!,
      { fiscalYear: url.searchParams.get("fiscalYear") ?? "", format: url.searchParams.get("format") ?? "" },
      state.locale,
    ),
  );
  return attachment(file);
}
