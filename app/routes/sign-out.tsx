import { redirect } from "react-router";
import type { Route } from "./+types/sign-out";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { signOut } from "#core/accounts/sign-out.ts";
import { stateOf } from "../context.ts";

export async function action({ context, request }: Route.ActionArgs) {
  const { cookies } = await signOut(accountsDepsFrom(stateOf(context).services), request.headers);
  return redirect("/", { headers: cookies });
}

export function loader() {
  return redirect("/");
}
