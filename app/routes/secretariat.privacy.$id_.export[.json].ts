import type { Route } from "./+types/secretariat.privacy.$id_.export[.json]";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { exportPerson } from "#core/privacy/export-person.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

/** The disclosure as a JSON file to hand over (logged as data leaving the server). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const data = await orRespond(state, request, () => exportPerson(privacyDepsFrom(state.services), actor, params.id));
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="personal-data-${data.ref.slice(1)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
