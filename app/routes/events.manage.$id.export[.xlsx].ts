import type { Route } from "./+types/events.manage.$id.export[.xlsx]";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { exportRegistrantsXlsx } from "#core/events/export-registrants.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const xlsx = await orRespond(state, request, () =>
    exportRegistrantsXlsx(eventsDepsFrom(state.services), actor, params.id, state.locale),
  );
  return new Response(xlsx, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="registrants-${params.id}.xlsx"`,
      "Cache-Control": "no-store",
    },
  });
}
