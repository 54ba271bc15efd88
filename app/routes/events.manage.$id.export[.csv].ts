import type { Route } from "./+types/events.manage.$id.export[.csv]";
import { exportRegistrantsCsv } from "#core/events/export-registrants.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const csv = await orRespond(state, request, () => exportRegistrantsCsv(state.services.database.db, actor, params.id, state.locale));
  return new Response(csv, { headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="registrants-${params.id}.csv"`, "Cache-Control": "no-store" } });
}
