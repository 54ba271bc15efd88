import { resolveActor } from "#core/accounts/resolve-actor.ts";
import { anonymous } from "#core/accounts/actor.ts";
import { createTranslate, isLocale, type Locale } from "#i18n/index.ts";
import type { Services } from "../../server/services.ts";
import type { RequestState } from "../context.ts";

export const LOCALE_COOKIE = "chiiki_lang";

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/** Resolves who is asking and in which language, once per request. */
export async function createRequestState(services: Services, request: Request, nonce: string): Promise<RequestState> {
  const resolved = await resolveActor(services.accounts, request.headers);
  const actor = resolved === "invalid-token" ? anonymous : resolved;
  const cookieLocale = readCookie(request.headers.get("cookie"), LOCALE_COOKIE);
  let locale: Locale = "ja";
  if (isLocale(cookieLocale)) locale = cookieLocale;
  else if (actor.kind === "user") {
    const row = await services.database.db.selectFrom("user").select("locale").where("id", "=", actor.userId).executeTakeFirst();
    if (isLocale(row?.locale)) locale = row.locale;
  }
  return { services, actor, locale, t: createTranslate(locale), nonce, invalidToken: resolved === "invalid-token" };
}
