import { AppError } from "../shared/errors.ts";
import { type Actor, requireSignedIn } from "./actor.ts";
import { callAuth, cookiesOf } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";

/** Ends every session of the signed-in account, this one included. */
export async function signOutEverywhere(
  deps: Pick<AccountsDeps, "auth">,
  actor: Actor,
  requestHeaders: Headers,
): Promise<{ cookies: Headers }> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const response = await callAuth(() => deps.auth.api.revokeSessions({ headers: requestHeaders, asResponse: true }));
  return { cookies: cookiesOf(response) };
}
