import { callAuth, cookiesOf } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";

/** Ends this browser's session (the others stay: sign-out-everywhere.ts ends those); harmless without one. */
export async function signOut(
  deps: Pick<AccountsDeps, "auth">,
  requestHeaders: Headers,
): Promise<{ cookies: Headers }> {
  const response = await callAuth(() => deps.auth.api.signOut({ headers: requestHeaders, asResponse: true }));
  return { cookies: cookiesOf(response) };
}
