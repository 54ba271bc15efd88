/**
 * The mails a registrant receives, in the language they registered in (`registrations.locale`,
 * from the page they used or their account's language). Queued through the outbox inside the
 * transaction of the change that causes them.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { createTranslate, type Locale, type MessageKey } from "../../i18n/index.ts";
import { enqueueMail, type MailAttachment } from "../mail/enqueue-mail.ts";
import type { Clock } from "../shared/clock.ts";
import { getCommunityName } from "../accounts/get-community-name.ts";
import { renderEventIcs } from "./event-ics.ts";
import type { EventView } from "./event-records.ts";

export type RegistrationMailKind =
  | "confirmed"
  | "waitlisted"
  | "promoted"
  | "moved"
  | "changed"
  | "cancelled"
  | "reminder"
  | "feedback";

export interface RegistrationMailData {
  kind: RegistrationMailKind;
  event: EventView;
  /** The online join link, given only when this registrant holds a confirmed online seat. */
  joinUrl: string | null;
  registration: {
    id: string;
    name: string;
    email: string;
    status: string;
    seatLabel: string;
    waitlistPosition: number | null;
  };
  /** The registrant's own page (ticket, cancel): carries their secret token. */
  ticketUrl: string | null;
  eventUrl: string;
  feedbackUrl?: string;
  locale?: Locale;
  /** The community the mail is sent in the name of (its footer); queueRegistrationMail reads it. */
  community?: string;
  /** One message per key, ever (reminders and feedback are never sent twice). */
  dedupeKey?: string;
  /** The ORGANIZER of the calendar file (the sender's address); none: left out. */
  calendarOrganiserEmail?: string | null;
  /** When the mail is made (the calendar file's DTSTAMP). */
  issuedAt?: Date;
}

const subjects: Record<RegistrationMailKind, MessageKey> = {
  confirmed: "events.mail.confirmed.subject",
  waitlisted: "events.mail.waitlisted.subject",
  promoted: "events.mail.promoted.subject",
  moved: "events.mail.moved.subject",
  changed: "events.mail.changed.subject",
  cancelled: "events.mail.cancelled.subject",
  reminder: "events.mail.reminder.subject",
  feedback: "events.mail.feedback.subject",
};
const bodies: Record<RegistrationMailKind, MessageKey> = {
  confirmed: "events.mail.confirmed.body",
  waitlisted: "events.mail.waitlisted.body",
  promoted: "events.mail.promoted.body",
  moved: "events.mail.moved.body",
  changed: "events.mail.changed.body",
  cancelled: "events.mail.cancelled.body",
  reminder: "events.mail.reminder.body",
  feedback: "events.mail.feedback.body",
};

export function renderRegistrationMail(data: RegistrationMailData): {
  subject: string;
  text: string;
  attachments: MailAttachment[];
} {
  const locale = data.locale ?? "ja";
  const t = createTranslate(locale);
  const { event, registration } = data;
  const statusLine =
    registration.status === "confirmed"
      ? t("events.mail.statusConfirmed", { seat: registration.seatLabel })
      : registration.status === "waitlisted"
        ? t("events.mail.statusWaitlisted", {
            seat: registration.seatLabel,
            position: registration.waitlistPosition ?? "-",
          })
        : t("events.mail.statusCancelled");
  const venue = [event.venueName, event.venueRoom, event.venueAddress].filter(Boolean).join(" ");
  const lines = [
    t("mail.greeting", { name: registration.name }),
    t(bodies[data.kind], { title: event.title }),
    `■ ${event.title}`,
    `${t("events.mail.when")}: ${formatDateTime(event.startsAt, locale)} – ${formatDateTime(event.endsAt, locale).split(" ").pop()}`,
    venue ? `${t("events.mail.where")}: ${venue}` : null,
    statusLine,
    data.joinUrl ? `${t("events.mail.joinUrl", { tool: event.onlineTool ?? "Online" })}: ${data.joinUrl}` : null,
    data.feedbackUrl ? `${t("events.mail.feedbackUrl")}: ${data.feedbackUrl}` : null,
    data.ticketUrl && registration.status !== "cancelled" ? `${t("events.mail.ticketUrl")}: ${data.ticketUrl}` : null,
    `${t("events.mail.eventUrl")}: ${data.eventUrl}`,
    t("mail.footer", { community: data.community ?? "Chiiki" }),
  ];
  // A confirmed registrant's calendar gets the event (again, with a reminder: an update replaces
  // the entry); a cancelled one gets the CANCEL that removes it. Waitlisted people hold no seat.
  const calendarMethod =
    registration.status === "confirmed" && data.kind !== "feedback"
      ? "PUBLISH"
      : registration.status === "cancelled" && data.kind === "cancelled"
        ? "CANCEL"
        : null;
  const attachments: MailAttachment[] = calendarMethod
    ? [
        {
          filename: "event.ics",
          contentType: `text/calendar; charset=utf-8; method=${calendarMethod}`,
          content: renderEventIcs(event, {
            pageUrl: data.eventUrl,
            joinUrl: data.joinUrl,
            method: calendarMethod,
            organiserEmail: data.calendarOrganiserEmail,
            now: data.issuedAt,
          }),
        },
      ]
    : [];
  return {
    subject: t(subjects[data.kind], { title: event.title }),
    text: lines.filter((l) => l !== null).join("\n\n"),
    attachments,
  };
}

export async function queueRegistrationMail(db: Kysely<DB>, clock: Clock, data: RegistrationMailData): Promise<void> {
  const mail = renderRegistrationMail({ ...data, community: data.community ?? (await getCommunityName({ db })) });
  await enqueueMail(db, clock, {
    to: data.registration.email,
    subject: mail.subject,
    text: mail.text,
    attachments: mail.attachments,
    dedupeKey: data.dedupeKey,
  });
}
