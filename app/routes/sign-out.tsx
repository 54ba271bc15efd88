import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { stateOf } from "../context.ts";
import { forwardCookies } from "../lib/http.server.ts";

export async function action({ context, request }: Route.ActionArgs) {
  const { services } = stateOf(context);
  const response = await services.auth.api.signOut({ headers: request.headers, asResponse: true });
  return redirect("/", { headers: forwardCookies(response) });
}

export function loader() {
  return redirect("/");
}
