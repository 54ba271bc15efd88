/**
 * The event's calendar link (`/events/:id/calendar.ics`) as a browser downloads it: parsed by
 * ical.js after the stricter RFC 5545 checks, with the ORGANIZER as a `mailto:` of the configured
 * sender, the UID every mail's file carries, and no join link.
 */
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { anonymous } from "#core/accounts/actor.ts";
import { createEvent } from "#core/events/create-event.ts";
import { eventsDepsFrom } from "#core/events/deps.ts";
import { eventCalendarUid } from "#core/events/event-ics.ts";
import { secretariat, seminarInput } from "../../tests/fixtures/events.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { strictIssues } from "../../tests/support/ics.ts";
import { callRoute } from "../../tests/support/routes.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { loader } from "./events.$id.calendar[.ics].ts";

describe.each(testDatabases)("the calendar link on %s", (kind) => {
  const services = useTestServices(kind, { MAIL_FROM: "長崎県情報産業協会 事務局 <office@nisa.example.jp>" });

  it("is a strict RFC 5545 file: ORGANIZER mailto: with the organiser's name, the event's UID, PUBLISH", async () => {
    const event = await createEvent(
      eventsDepsFrom(services),
      secretariat,
      seminarInput({ organiser: "長崎県情報産業協会", title: "地域情報セキュリティセミナー".repeat(4) }),
    );
    const result = await callRoute(loader, {
      services,
      actor: anonymous,
      url: `/events/${event.id}/calendar.ics`,
      params: { id: event.id },
    });
    expect(result.status).toBe(200);
    expect(result.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8; method=PUBLISH");
    const text = String(result.data);
    expect(strictIssues(text)).toEqual([]);
    const calendar = new ICAL.Component(ICAL.parse(text));
    const vevent = calendar.getFirstSubcomponent("vevent")!;
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(vevent.getFirstPropertyValue("uid")).toBe(eventCalendarUid(event.id));
    const organizer = vevent.getFirstProperty("organizer")!;
    expect(organizer.getFirstValue()).toBe("mailto:office@nisa.example.jp");
    expect(organizer.getParameter("cn")).toBe("長崎県情報産業協会");
    expect(vevent.getFirstPropertyValue("summary")).toBe("地域情報セキュリティセミナー".repeat(4));
    expect(text).not.toContain("secret-room");
  });
});
