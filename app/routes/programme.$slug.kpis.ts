import type { Route } from "./+types/programme.$slug.kpis";
import { programmeDepsFrom } from "#core/programme/deps.ts";
import { exportKpiSheet } from "#core/programme/export-kpi-sheet.ts";
import { stateOf } from "../context.ts";
import { attachment, orRespond, requireUserPage } from "../lib/http.server.ts";

/** `?fromYear=2019&toYear=2020`: the KPI sheet as XLSX, a row per community and fiscal year. */
export async function loader({ context, request, params, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const file = await orRespond(state, request, () =>
    exportKpiSheet(
      programmeDepsFrom(state.services),
      actor,
      params.slug!,
      { fromYear: url.searchParams.get("fromYear") ?? "", toYear: url.searchParams.get("toYear") ?? undefined },
      state.locale,
    ),
  );
  return attachment(file);
}
