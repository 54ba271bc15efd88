import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { isLocale, type Locale } from "../../i18n/index.ts";

/** Someone a mail goes to: an address, and the registry person it came from when known. */
export interface MailAddressee {
  email: string;
  personId?: string | null;
}

/**
 * The language each addressee's account chose: the account linked to their registry person
 * first, else the account with their address. Returns a lookup that answers null for someone
 * with no account (or an account that never chose): the caller decides the fallback (the
 * registration's language, the page's, or Japanese).
 */
export async function accountLocales(
  db: Kysely<DB>,
  addressees: MailAddressee[],
): Promise<(addressee: MailAddressee) => Locale | null> {
  const emails = [...new Set(addressees.map((a) => a.email.trim().toLowerCase()))];
  const personIds = [...new Set(addressees.flatMap((a) => (a.personId ? [a.personId] : [])))];
  const byEmail = new Map<string, Locale>();
  const byPerson = new Map<string, Locale>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .selectFrom("user")
      .select(["email", "locale"])
      .where("email", "in", emails.slice(i, i + 500))
      .where("locale", "is not", null)
      .execute();
    for (const r of rows) if (isLocale(r.locale)) byEmail.set(r.email.toLowerCase(), r.locale);
  }
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom("people")
      .innerJoin("user", "user.id", "people.user_id")
      .select(["people.id", "user.locale"])
      .where("people.id", "in", personIds.slice(i, i + 500))
      .where("user.locale", "is not", null)
      .execute();
    for (const r of rows) if (isLocale(r.locale)) byPerson.set(r.id, r.locale);
  }
  return (a) =>
    (a.personId ? byPerson.get(a.personId) : undefined) ?? byEmail.get(a.email.trim().toLowerCase()) ?? null;
}

/** One addressee's language: their account's, else the fallback (Japanese unless given). */
export async function accountLocale(
  db: Kysely<DB>,
  addressee: MailAddressee,
  fallback: Locale = "ja",
): Promise<Locale> {
  return (await accountLocales(db, [addressee]))(addressee) ?? fallback;
}
