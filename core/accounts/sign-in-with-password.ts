import { AppError } from "../shared/errors.ts";
import { callAuth, cookiesOf } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";

/**
 * The first step of a sign-in. For an account with a second factor, Better Auth makes no session
 * yet: it sets the two-factor challenge cookie and the caller goes on to {@link verifySecondFactor}.
 * A wrong address or password is `sign-in-failed` (401), the same for both.
 */
export async function signInWithPassword(
  deps: Pick<AccountsDeps, "auth">,
  input: { email: string; password: string },
  requestHeaders: Headers,
): Promise<{ cookies: Headers; secondFactorRequired: boolean }> {
  const response = await callAuth(() =>
    deps.auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: requestHeaders,
      asResponse: true,
    }),
  );
  if (!response.ok) throw new AppError("sign-in-failed");
  const body = (await response.clone().json()) as { twoFactorRedirect?: boolean };
  return { cookies: cookiesOf(response), secondFactorRequired: Boolean(body.twoFactorRedirect) };
}

/**
 * The second step: a TOTP code or a backup code against the challenge cookie a password or a magic
 * link set. Only this makes a session of an enrolled account (marked as having passed the second
 * factor, second-factor.ts). Better Auth counts attempts per challenge and locks the account after
 * ten failures; a wrong or expired code is `two-factor-failed` (401).
 */
export async function verifySecondFactor(
  deps: Pick<AccountsDeps, "auth">,
  input: { code?: string; backupCode?: string },
  requestHeaders: Headers,
): Promise<{ cookies: Headers }> {
  const code = (input.code ?? "").replace(/\s/g, "");
  const backupCode = (input.backupCode ?? "").trim();
  if ((!code && !backupCode) || (!backupCode && !/^\d{6}$/.test(code))) {
    throw new AppError("validation-failed", { fields: [{ field: "code", code: "totp" }] });
  }
  const api = deps.auth.api;
  const response = await callAuth(() =>
    backupCode
      ? api.verifyBackupCode({ body: { code: backupCode }, headers: requestHeaders, asResponse: true })
      : api.verifyTOTP({ body: { code }, headers: requestHeaders, asResponse: true }),
  );
  if (!response.ok) throw new AppError("two-factor-failed", { fields: [{ field: "code", code: "two-factor-failed" }] });
  return { cookies: cookiesOf(response) };
}
