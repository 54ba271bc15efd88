import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { parseInput, requiredEmailAddress } from "../shared/validation.ts";
import { withAccountMailScope } from "./account-mail-scope.ts";
import { callAuth } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { limitSignInAttempt } from "./limit-sign-in-attempt.ts";
import { parseNewPassword } from "./new-password.ts";

/** The one field of the magic-link and forgotten-password forms. */
export const accountMailSchema = z.object({ email: requiredEmailAddress() });

/**
 * Asks Better Auth for a sign-in link. The answer is the same whether or not the address has an
 * account (the mail hook in create-auth.ts stays silent for unknown addresses, sends the
 * secretariat a refusal, and counts every mail against its address: limit-account-mail.ts).
 * A member with TOTP who follows the link is asked for the code (second-factor.ts). Given the
 * client, the request counts against it and the address first.
 */
export async function requestMagicLink(
  deps: Pick<AccountsDeps, "auth" | "baseUrl" | "limitRate" | "db">,
  input: z.input<typeof accountMailSchema> | Record<string, unknown>,
  requestHeaders: Headers,
  client?: string,
): Promise<void> {
  const { email } = parseInput(accountMailSchema, input);
  if (client) await limitSignInAttempt(deps, "magic-link", client, email);
  // The link comes back to the community it was asked for from: its host name, or its path under
  // /c/<slug>/ (ADR 040); the mail is that community's (account-mail-scope.ts).
  await withAccountMailScope({ db: deps.db, baseUrl: deps.baseUrl }, () =>
    callAuth(() =>
      deps.auth.api.signInMagicLink({
        body: { email, callbackURL: `${deps.baseUrl}/`, errorCallbackURL: `${deps.baseUrl}/sign-in/magic-link` },
        headers: requestHeaders,
        asResponse: true,
      }),
    ),
  );
}

/** Queues a reset link (counted like a sign-in link); the answer never says whether the address has an account. */
export async function requestPasswordReset(
  deps: Pick<AccountsDeps, "auth" | "baseUrl" | "limitRate" | "db">,
  input: z.input<typeof accountMailSchema> | Record<string, unknown>,
  requestHeaders: Headers,
  client?: string,
): Promise<void> {
  const { email } = parseInput(accountMailSchema, input);
  if (client) await limitSignInAttempt(deps, "password-reset", client, email);
  const body = { email, redirectTo: `${deps.baseUrl}/reset-password` };
  await withAccountMailScope({ db: deps.db, baseUrl: deps.baseUrl }, () =>
    callAuth(() => deps.auth.api.requestPasswordReset({ body, headers: requestHeaders, asResponse: true })),
  );
}

/**
 * Sets a new password from a reset link: every session of the account ends, and none is made. The
 * next sign-in asks for the password and, where enrolled, the code. `reset-invalid` (410) when the
 * link is expired or used. The new password is typed twice (new-password.ts); given the client,
 * the attempt counts against it.
 */
export async function resetPassword(
  deps: Pick<AccountsDeps, "auth" | "limitRate">,
  input: { token?: unknown; newPassword?: unknown; passwordConfirm?: unknown },
  requestHeaders: Headers,
  client?: string,
): Promise<void> {
  const token = typeof input.token === "string" ? input.token : "";
  if (!token) throw new AppError("bad-request");
  const newPassword = parseNewPassword(input);
  if (client) await limitSignInAttempt(deps, "password-reset", client);
  const body = { newPassword, token };
  const response = await callAuth(() =>
    deps.auth.api.resetPassword({ body, headers: requestHeaders, asResponse: true }),
  );
  if (!response.ok) throw new AppError("reset-invalid");
}
