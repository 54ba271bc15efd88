import { AppError } from "../shared/errors.ts";
import { callAuth } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";

/**
 * Asks Better Auth for a sign-in link. The answer is the same whether or not the address has an
 * account (the mail hook in create-auth.ts stays silent for unknown addresses, sends the
 * secretariat a refusal, and counts every mail against its address: limit-account-mail.ts).
 * A member with TOTP who follows the link is asked for the code (second-factor.ts).
 */
export async function requestMagicLink(
  deps: Pick<AccountsDeps, "auth">,
  email: string,
  requestHeaders: Headers,
): Promise<void> {
  await callAuth(() =>
    deps.auth.api.signInMagicLink({
      body: { email, callbackURL: "/", errorCallbackURL: "/sign-in/magic-link" },
      headers: requestHeaders,
      asResponse: true,
    }),
  );
}

/** Queues a reset link (counted like a sign-in link); the answer never says whether the address has an account. */
export async function requestPasswordReset(
  deps: Pick<AccountsDeps, "auth" | "baseUrl">,
  email: string,
  requestHeaders: Headers,
): Promise<void> {
  const body = { email, redirectTo: `${deps.baseUrl}/reset-password` };
  await callAuth(() => deps.auth.api.requestPasswordReset({ body, headers: requestHeaders, asResponse: true }));
}

/**
 * Sets a new password from a reset link: every session of the account ends, and none is made. The
 * next sign-in asks for the password and, where enrolled, the code. `reset-invalid` (410) when the
 * link is expired or used.
 */
export async function resetPassword(
  deps: Pick<AccountsDeps, "auth">,
  input: { token: string; newPassword: string },
  requestHeaders: Headers,
): Promise<void> {
  if (!input.token) throw new AppError("bad-request");
  const body = { newPassword: input.newPassword, token: input.token };
  const response = await callAuth(() =>
    deps.auth.api.resetPassword({ body, headers: requestHeaders, asResponse: true }),
  );
  if (!response.ok) throw new AppError("reset-invalid");
}
