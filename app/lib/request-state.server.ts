import { parseCookie, stringifySetCookie } from "cookie";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { getAccountLocale } from "#core/accounts/get-account-locale.ts";
import { resolveActor } from "#core/accounts/resolve-actor.ts";
import { type Actor, anonymous } from "#core/accounts/actor.ts";
import { createTranslate, isLocale, type Locale } from "#i18n/index.ts";
import type { Services } from "../../server/services.ts";
import type { RequestState } from "../context.ts";

export const LOCALE_COOKIE = "chiiki_lang";

/**
 * The one way cookies are read and written by our own pages (Better Auth writes and reads its
 * session cookie itself): the `cookie` package. A malformed header or value is treated as absent,
 * never as an error; `parseCookie` keeps a value it cannot decode as written, and callers check
 * the value's form (a known language, a resume secret's characters).
 */
export function readCookie(header: string | null, name: string): string | undefined {
  return header ? parseCookie(header)[name] : undefined;
}

/**
 * A `Set-Cookie` line for one of our cookies: HttpOnly and SameSite=Lax always, Secure when the
 * site is served over https; `maxAge: 0` deletes it. Throws on a name, value or path that a header
 * cannot carry, so a bad one is a bug found in tests, not a broken header sent.
 */
export function setCookie(
  name: string,
  value: string,
  options: { path: string; maxAge: number; secure: boolean },
): string {
  return stringifySetCookie({ name, value, ...options, httpOnly: true, sameSite: "lax" });
}

/**
 * Resolves who is asking and in which language, once per request. The HTTP edge may have resolved
 * the caller already (it decides rate limits by it: server/http.ts) and hands that answer in.
 */
export async function createRequestState(
  services: Services,
  request: Request,
  nonce: string,
  resolvedActor?: Actor | "invalid-token",
): Promise<RequestState> {
  const resolved = resolvedActor ?? (await resolveActor(services.accounts, request.headers));
  const actor = resolved === "invalid-token" ? anonymous : resolved;
  const cookieLocale = readCookie(request.headers.get("cookie"), LOCALE_COOKIE);
  let locale: Locale = "ja";
  if (isLocale(cookieLocale)) locale = cookieLocale;
  else if (actor.kind === "user") locale = (await getAccountLocale(accountsDepsFrom(services), actor)) ?? locale;
  return { services, actor, locale, t: createTranslate(locale), nonce, invalidToken: resolved === "invalid-token" };
}
