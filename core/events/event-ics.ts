import ICAL from "ical.js";
import type { EventView } from "./event-records.ts";

// RFC 5545 §3.1: lines of at most 75 octets. ical.js counts UTF-8 octets (a Japanese character
// is three) but does not count the space that starts a continuation line, so 74 keeps every
// line, first or continued, within 75.
ICAL.foldLength = 74;

/**
 * PUBLISH: "here is the event, add it" (confirmations, reminders, the public download).
 * CANCEL: "remove it" (the registration or the event was cancelled). RFC 5546 §3.2.
 */
export type CalendarMethod = "PUBLISH" | "CANCEL";

export interface CalendarOptions {
  /** The event's public page. */
  pageUrl: string;
  /** Given only for a confirmed online registrant's own copy; the public download never carries it. */
  joinUrl?: string | null;
  method?: CalendarMethod;
  /** The sender's address: an ORGANIZER must be a `mailto:` URI (RFC 5545 §3.8.4.3), or absent. */
  organiserEmail?: string | null;
  /** When the file is made: DTSTAMP, and the SEQUENCE of a cancellation. */
  now?: Date;
}

const RECENT_CALENDARS = 64;
const recent = new Map<string, string>();

/**
 * The event as an RFC 5545 calendar file.
 *
 * Calendar programs (Google Calendar, Outlook, Apple Calendar) recognise the same entry by its UID
 * and keep the copy with the highest SEQUENCE: every file of an event has the same UID, and the
 * SEQUENCE grows with each change of the event (the seconds from its creation to its last update),
 * so a reminder sent after the time changed replaces the entry instead of adding a second. A
 * cancellation carries the seconds up to the cancellation, which is later than any update its
 * recipient was sent.
 *
 * Every registrant of an event gets the same file (one for venue seats, one with the join link),
 * so a file is kept for the rest of the minute it was made in (its DTSTAMP), keyed by what it holds.
 */
export function renderEventIcs(event: EventView, options: CalendarOptions): string {
  const now = options.now ?? new Date();
  const key = JSON.stringify([
    Math.floor(now.getTime() / 60_000),
    event,
    options.pageUrl,
    options.joinUrl ?? null,
    options.method ?? "PUBLISH",
    options.organiserEmail ?? null,
  ]);
  let calendar = recent.get(key);
  if (calendar === undefined) {
    calendar = buildEventIcs(event, { ...options, now });
    recent.set(key, calendar);
    if (recent.size > RECENT_CALENDARS) recent.delete(recent.keys().next().value!);
  }
  return calendar;
}

/** The UID every calendar file of this event carries. */
export function eventCalendarUid(eventId: string): string {
  return `event-${eventId}@chiiki`;
}

function secondsBetween(fromIso: string, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - new Date(fromIso).getTime()) / 1000));
}

function utcTime(date: Date): ICAL.Time {
  return ICAL.Time.fromJSDate(date, true);
}

function buildEventIcs(event: EventView, options: CalendarOptions & { now: Date }): string {
  const method = options.method ?? (event.status === "cancelled" ? "CANCEL" : "PUBLISH");
  const calendar = new ICAL.Component(["vcalendar", [], []]);
  calendar.addPropertyWithValue("prodid", "-//Chiiki//Events//JA");
  calendar.addPropertyWithValue("version", "2.0");
  calendar.addPropertyWithValue("calscale", "GREGORIAN");
  calendar.addPropertyWithValue("method", method);

  const vevent = new ICAL.Component("vevent");
  vevent.addPropertyWithValue("uid", eventCalendarUid(event.id));
  vevent.addPropertyWithValue("dtstamp", utcTime(options.now));
  const sequence =
    method === "CANCEL"
      ? secondsBetween(event.createdAt, options.now)
      : secondsBetween(event.createdAt, new Date(event.updatedAt));
  vevent.addPropertyWithValue("sequence", sequence);
  // Instants are stored in UTC and written in UTC (the "Z" form): every calendar shows them in
  // its user's time zone, and no VTIMEZONE block can disagree with the time zone database.
  vevent.addPropertyWithValue("dtstart", utcTime(new Date(event.startsAt)));
  vevent.addPropertyWithValue("dtend", utcTime(new Date(event.endsAt)));
  vevent.addPropertyWithValue("summary", event.title);
  const description = [
    event.theme,
    options.joinUrl ? `${event.onlineTool ?? "Online"}: ${options.joinUrl}` : null,
    options.pageUrl,
  ]
    .filter(Boolean)
    .join("\n");
  vevent.addPropertyWithValue("description", description);
  const location = [event.venueName, event.venueRoom, event.venueAddress].filter(Boolean).join(" ") || event.onlineTool;
  if (location) vevent.addPropertyWithValue("location", location);
  vevent.addPropertyWithValue("url", options.pageUrl);
  vevent.addPropertyWithValue(
    "status",
    method === "CANCEL" || event.status === "cancelled" ? "CANCELLED" : "CONFIRMED",
  );
  if (options.organiserEmail) {
    const organiser = vevent.addPropertyWithValue("organizer", `mailto:${options.organiserEmail}`);
    if (event.organiser) organiser.setParameter("cn", event.organiser);
  }
  calendar.addSubcomponent(vevent);
  return `${calendar.toString()}\r\n`;
}
