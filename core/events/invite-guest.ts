import { accountLocale } from "../accounts/account-locales.ts";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { formatDateTime } from "../../i18n/dates.ts";
import { createTranslate } from "../../i18n/index.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { AppError } from "../shared/errors.ts";
import { emailAddress, parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";
import { attendeeRoles, guestRegistrationUrl, guestToken } from "./seat-rules.ts";

export const guestInputSchema = z.object({
  email: emailAddress(),
  name: z.string().trim().min(1).max(100),
  /** What they come as (来賓 unless told): counted apart in the figures. */
  attendeeRole: z.enum(attendeeRoles).default("guest"),
  /** Mail them the invitation with their personal link (else the secretariat passes the link on). */
  sendMail: z.boolean().default(true),
});
export type GuestInput = z.input<typeof guestInputSchema>;

export interface GuestView {
  id: string;
  email: string;
  name: string;
  attendeeRole: string;
  createdAt: string;
  /** Their personal registration link: it admits them to the seat types for members and guests. */
  registrationUrl: string;
}

/**
 * The secretariat invites a guest by name (来賓, a speaker, the press): the guest's personal link
 * admits them to seat types for "members and invited guests", and their registration is recorded
 * with the role they were invited as. Inviting the same address again updates name and role.
 */
export async function inviteGuest(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: GuestInput,
): Promise<GuestView> {
  requireSecretariat(actor);
  const data = parseInput(guestInputSchema, input);
  const event = await deps.db
    .selectFrom("events")
    .select(["id", "title", "starts_at"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event) throw new AppError("not-found");
  const now = deps.clock.now().toISOString();
  const guest = await deps.db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("event_guests")
      .selectAll()
      .where("event_id", "=", eventId)
      .where((eb) => eb(eb.fn("lower", ["email"]), "=", data.email))
      .executeTakeFirst();
    const row = existing
      ? await trx
          .updateTable("event_guests")
          .set({ name: data.name, attendee_role: data.attendeeRole })
          .where("id", "=", existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto("event_guests")
          .values({
            id: newId(),
            event_id: eventId,
            email: data.email,
            name: data.name,
            attendee_role: data.attendeeRole,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.guest-invite",
      entityType: "event",
      entityId: eventId,
      after: { email: row.email, attendeeRole: row.attendee_role },
    });
    const url = guestRegistrationUrl(deps.baseUrl, eventId, guestToken(deps.secret, eventId, row.email));
    if (data.sendMail) {
      // A guest who has an account reads it in the account's language; others in Japanese.
      const locale = await accountLocale(trx, { email: row.email });
      const t = createTranslate(locale);
      await enqueueMail(trx, deps.clock, {
        to: row.email,
        subject: t("events.mail.guest.subject", { title: event.title }),
        text: t("events.mail.guest.body", {
          name: row.name,
          title: event.title,
          startsAt: formatDateTime(event.starts_at, locale),
          url,
        }),
      });
    }
    return { row, url };
  });
  if (data.sendMail) deps.onMailQueued?.();
  return toGuestView(guest.row, guest.url);
}

export function toGuestView(
  row: { id: string; email: string; name: string; attendee_role: string; created_at: string },
  registrationUrl: string,
): GuestView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    attendeeRole: row.attendee_role,
    createdAt: row.created_at,
    registrationUrl,
  };
}
