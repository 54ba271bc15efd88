import { parseCookie } from "cookie";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { getAccountLocale } from "#core/accounts/get-account-locale.ts";
import { resolveActor } from "#core/accounts/resolve-actor.ts";
import { type Actor, anonymous } from "#core/accounts/actor.ts";
import { createTranslate, isLocale, type Locale } from "#i18n/index.ts";
import type { Services } from "../../server/services.ts";
import type { RequestState } from "../context.ts";

export const LOCALE_COOKIE = "chiiki_lang";

/** One cookie's value; a malformed header or value is treated as absent, never as an error. */
export function readCookie(header: string | null, name: string): string | undefined {
  return header ? parseCookie(header)[name] : undefined;
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
