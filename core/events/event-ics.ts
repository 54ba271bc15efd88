import { createEvent, type DateArray } from "ics";
import type { EventView } from "./event-records.ts";

function utcArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

const RECENT_CALENDARS = 64;
const recent = new Map<string, string>();

/**
 * The event as an RFC 5545 calendar file. `joinUrl` is given only for a confirmed online
 * registrant's own copy; the public download never carries it.
 *
 * Every registrant of an event gets the same file (one for venue seats, one with the join link),
 * and the `ics` package validates each with yup, which showed in registration profiles: a file is
 * kept for the rest of the minute it was made in (its DTSTAMP), keyed by everything it contains.
 */
export function renderEventIcs(event: EventView, options: { pageUrl: string; joinUrl?: string | null }): string {
  const key = JSON.stringify([
    Math.floor(Date.now() / 60_000), event.id, event.title, event.theme, event.venueName, event.venueRoom, event.venueAddress,
    event.onlineTool, event.startsAt, event.endsAt, event.status, event.organiser, options.pageUrl, options.joinUrl ?? null,
  ]);
  let calendar = recent.get(key);
  if (calendar === undefined) {
    calendar = buildEventIcs(event, options);
    recent.set(key, calendar);
    if (recent.size > RECENT_CALENDARS) recent.delete(recent.keys().next().value!);
  }
  return calendar;
}

function buildEventIcs(event: EventView, options: { pageUrl: string; joinUrl?: string | null }): string {
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
