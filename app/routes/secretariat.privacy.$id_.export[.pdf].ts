import type { Route } from "./+types/secretariat.privacy.$id_.export[.pdf]";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { exportPersonPdf } from "#core/privacy/export-person-pdf.ts";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";

/** The disclosure as a server-rendered PDF (logged as data leaving the server). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const { bytes, fileName } = await orRespond(state, request, () =>
    exportPersonPdf(privacyDepsFrom(state.services), actor, params.id),
  );
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
