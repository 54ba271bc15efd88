import { createEvent, type DateArray } from "ics";
import type { EventView } from "./event-records.ts";

function utcArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/**
 * The event as an RFC 5545 calendar file. `joinUrl` is given only for a confirmed online
 * registrant's own copy; the public download never carries it.
 */
export function renderEventIcs(event: EventView, options: { pageUrl: string; joinUrl?: string | null }): string {
  const location = [event.venueName, event.venueRoom, event.venueAddress].filter(Boolean).join(" ") || event.onlineTool || undefined;
  const description = [event.theme, options.joinUrl ? `${event.onlineTool ?? "Online"}: ${options.joinUrl}` : null, options.pageUrl]
    .filter(Boolean)
    .join("\n");
  const { error, value } = createEvent({
    uid: `event-${event.id}@chiiki`,
    productId: "chiiki/events",
    title: event.title,
    description,
    location,
    start: utcArray(event.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utcArray(event.endsAt),
    endInputType: "utc",
    endOutputType: "utc",
    status: event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
    organizer: event.organiser ? { name: event.organiser } : undefined,
  });
  if (error || !value) throw error ?? new Error("ics: no output");
  return value;
}
