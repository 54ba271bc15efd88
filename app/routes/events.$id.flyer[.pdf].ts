import type { Route } from "./+types/events.$id.flyer[.pdf]";
import { getEvent } from "#core/events/get-event.ts";
import { registrationPageUrl } from "#core/events/registration-links.ts";
import { renderFlyer } from "#core/events/render-flyer.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";

/** The printable flyer (チラシ), with a QR code to the registration page. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const event = await orRespond(state, request, () => getEvent(state.services.database.db, state.actor, params.id));
  const pdf = await renderFlyer(event, registrationPageUrl(state.services.env.baseUrl, event.id));
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="flyer-${event.id}.pdf"` },
  });
}
