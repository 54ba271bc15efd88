import { redirect } from "react-router";
import type { Route } from "./+types/lang";
import { isLocale } from "#i18n/index.ts";
import { stateOf } from "../context.ts";
import { safeRedirectPath } from "../lib/http.server.ts";
import { LOCALE_COOKIE } from "../lib/request-state.server.ts";

/** The language switch: a cookie for everyone, and the account's preference when signed in. */
export async function action({ context, request }: Route.ActionArgs) {
  const { services, actor } = stateOf(context);
  const form = await request.formData();
  const locale = form.get("locale");
  const to = safeRedirectPath(form.get("redirectTo"));
  if (!isLocale(locale)) throw redirect(to);
  if (actor.kind === "user") {
    await services.database.db.updateTable("user").set({ locale }).where("id", "=", actor.userId).execute();
  }
  const secure = services.env.secureCookies ? "; Secure" : "";
  return redirect(to, {
    headers: { "Set-Cookie": `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}` },
  });
}

export function loader() {
  return redirect("/");
}
