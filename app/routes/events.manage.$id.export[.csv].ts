import type { Route } from "./+types/events.manage.$id.export[.csv]";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { exportRegistrantsCsv } from "#core/events/export-registrants.ts";
import { csvContentType } from "#core/files/csv.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

/** `?encoding=cp932` for older Excel (422 naming what CP932 cannot hold); UTF-8 with a BOM otherwise. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const encoding = new URL(request.url).searchParams.get("encoding");
  const csv = await orRespond(state, request, () =>
    exportRegistrantsCsv(eventsDepsFrom(state.services), actor, params.id, state.locale, { encoding }),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": csvContentType(encoding),
      "Content-Disposition": `attachment; filename="registrants-${params.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
