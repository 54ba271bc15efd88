import type { Route } from "./+types/events.$id.calendar[.ics]";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { renderEventIcs } from "#core/events/event-ics.ts";
import { getEvent } from "#core/events/get-event.ts";
import { eventUrl } from "#core/events/registration-links.ts";
import { stateOf } from "../context.ts";
import { orRespond } from "../lib/http.server.ts";

/** The public calendar file: never the online join link (that goes to confirmed registrants only). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const event = await orRespond(state, request, () => getEvent(state.services.database.db, state.actor, params.id));
  const ics = renderEventIcs(event, {
    pageUrl: eventUrl(state.services.env.baseUrl, event.id),
    organiserEmail: eventsDepsFrom(state.services).calendarOrganiserEmail,
    now: state.services.clock.now(),
  });
  const method = event.status === "cancelled" ? "CANCEL" : "PUBLISH";
  return new Response(ics, {
    headers: {
      "Content-Type": `text/calendar; charset=utf-8; method=${method}`,
      "Content-Disposition": `attachment; filename="event-${event.id}.ics"`,
    },
  });
}
