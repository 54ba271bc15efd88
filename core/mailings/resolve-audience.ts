import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { isErasedEmail } from "../privacy/pseudonym.ts";
import type { Audience } from "./mailing-input.ts";
import { memberMemberships } from "../community/membership.ts";
import { accountLocales } from "../accounts/account-locales.ts";
import { isLocale, type Locale } from "../../i18n/index.ts";

export interface Recipient {
  email: string;
  name: string;
  organisationName: string | null;
  personId: string | null;
  /** The language to write to them in: their account's, else the registration's, else Japanese. */
  locale: Locale;
}

/**
 * Who an audience is, right now (a mailing resolves it when it is sent, not when it is written).
 * Registry audiences (members, sector, group, hand-picked) reach only people who opted in to
 * announcements; registrants, attendees and invited respondents are written to because of what
 * they did. One address appears once.
 */
export async function resolveAudience(db: Kysely<DB>, audience: Audience): Promise<Recipient[]> {
  const people = () =>
    db
      .selectFrom("people")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .select([
        "people.id",
        "people.email",
        "people.family_name",
        "people.given_name",
        "organisations.name as organisation",
      ])
      .where("people.email", "is not", null)
      .where("people.mail_opt_in", "=", 1);
  let rows: {
    email: string | null;
    name: string;
    organisationName: string | null;
    personId: string | null;
    /** The language known without an account (a registration's). */
    locale?: string;
  }[];
  const fromPeople = (
    list: { id: string; email: string | null; family_name: string; given_name: string; organisation: string | null }[],
  ) =>
    list.map((p) => ({
      email: p.email,
      name: `${p.family_name} ${p.given_name}`.trim(),
      organisationName: p.organisation,
      personId: p.id,
    }));
  switch (audience.kind) {
    case "all-members":
      rows = fromPeople(await people().where("organisations.membership", "in", memberMemberships).execute());
      break;
    case "sector":
      rows = fromPeople(await people().where("organisations.sector", "=", audience.sector).execute());
      break;
    case "group": {
      const members = await db
        .selectFrom("group_memberships")
        .select(["person_id", "organisation_id"])
        .where("group_id", "=", audience.groupId)
        .execute();
      const personIds = members.flatMap((m) => (m.person_id ? [m.person_id] : []));
      const organisationIds = members.flatMap((m) => (!m.person_id && m.organisation_id ? [m.organisation_id] : []));
      if (personIds.length === 0 && organisationIds.length === 0) return [];
      rows = fromPeople(
        await people()
          .where((eb) =>
            eb.or([
              ...(personIds.length ? [eb("people.id", "in", personIds)] : []),
              ...(organisationIds.length ? [eb("people.organisation_id", "in", organisationIds)] : []),
            ]),
          )
          .execute(),
      );
      break;
    }
    case "hand-picked":
      rows = fromPeople(await people().where("people.id", "in", audience.personIds).execute());
      break;
    case "event-registrants":
    case "event-attendees": {
      let query = db
        .selectFrom("registrations")
        .select(["email", "name", "organisation_name", "person_id", "locale"])
        .where("event_id", "=", audience.eventId)
        .where("status", "!=", "cancelled");
      if (audience.kind === "event-attendees") {
        query = query.where((eb) => eb.or([eb("checked_in_at", "is not", null), eb("attended_online", "=", 1)]));
      }
      rows = (await query.orderBy("created_at").execute()).map((r) => ({
        email: r.email,
        name: r.name,
        organisationName: r.organisation_name,
        personId: r.person_id,
        locale: r.locale,
      }));
      break;
    }
    case "survey-non-respondents": {
      const invited = await db
        .selectFrom("survey_invitations")
        .leftJoin("people", "people.id", "survey_invitations.person_id")
        .leftJoin("organisations", "organisations.id", "survey_invitations.organisation_id")
        .select([
          "survey_invitations.email",
          "survey_invitations.person_id",
          "people.family_name",
          "people.given_name",
          "organisations.name as organisation",
        ])
        .where("survey_invitations.survey_id", "=", audience.surveyId)
        .where("survey_invitations.state", "!=", "completed")
        .orderBy("survey_invitations.invited_at")
        .execute();
      rows = invited.map((i) => ({
        email: i.email,
        name: i.family_name ? `${i.family_name} ${i.given_name ?? ""}`.trim() : "",
        organisationName: i.organisation,
        personId: i.person_id,
      }));
      break;
    }
  }
  const seen = new Map<string, (typeof rows)[number] & { email: string }>();
  for (const row of rows) {
    const email = row.email?.trim().toLowerCase();
    // An erased registrant keeps a row (the counts) with an address that reaches nobody.
    if (email && !seen.has(email) && !isErasedEmail(email)) seen.set(email, { ...row, email });
  }
  const unique = [...seen.values()];
  const localeOf = await accountLocales(db, unique);
  return unique.map(({ locale, ...row }) => ({
    ...row,
    locale: localeOf(row) ?? (isLocale(locale) ? locale : "ja"),
  }));
}
