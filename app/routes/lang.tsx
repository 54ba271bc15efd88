import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { setAccountLocale } from "#core/accounts/set-account-locale.ts";
import { isAppError } from "#core/shared/errors.ts";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { safeRedirectPath } from "../lib/http.server.ts";
import { LOCALE_COOKIE, setCookie } from "../lib/request-state.server.ts";

/** The language switch: a cookie for everyone, and the account's preference when signed in. */
export async function action({ context, request }: Route.ActionArgs) {
  const { services, actor } = stateOf(context);
  const form = await request.formData();
  const to = safeRedirectPath(form.get("redirectTo"));
  let locale: string;
  try {
    locale = await setAccountLocale(accountsDepsFrom(services), actor, formInput(form));
  } catch (error) {
    // An unknown language changes nothing: back to the page, as it was.
    if (isAppError(error) && error.code === "validation-failed") throw redirect(to);
    throw error;
  }
  const cookie = setCookie(LOCALE_COOKIE, locale, { path: "/", maxAge: 31536000, secure: services.env.secureCookies });
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
