import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { parseInput, requiredEmailAddress } from "../shared/validation.ts";
import { callAuth, cookiesOf } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { limitSignInAttempt } from "./limit-sign-in-attempt.ts";

export const signInSchema = z.object({ email: requiredEmailAddress(), password: z.string().min(1).max(1024) });

/**
 * The first step of a sign-in. For an account with a second factor, Better Auth makes no session
 * yet: it sets the two-factor challenge cookie and the caller goes on to {@link verifySecondFactor}.
 * A wrong address or password is `sign-in-failed` (401), the same for both. Given the client
 * (`clientKey`), the attempt counts against it and the address first (limit-sign-in-attempt.ts).
 */
export async function signInWithPassword(
  deps: Pick<AccountsDeps, "auth" | "limitRate">,
  form: z.input<typeof signInSchema> | Record<string, unknown>,
  requestHeaders: Headers,
  client?: string,
): Promise<{ cookies: Headers; secondFactorRequired: boolean }> {
  const input = parseInput(signInSchema, form);
  if (client) await limitSignInAttempt(deps, "sign-in", client, input.email);
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
 * ten failures; a wrong or expired code is `two-factor-failed` (401). Given the client, every
 * attempt counts against it first, well-formed or not.
 */
export async function verifySecondFactor(
  deps: Pick<AccountsDeps, "auth" | "limitRate">,
  input: { code?: unknown; backupCode?: unknown },
  requestHeaders: Headers,
  client?: string,
): Promise<{ cookies: Headers }> {
  if (client) await limitSignInAttempt(deps, "two-factor", client);
  const code = (typeof input.code === "string" ? input.code : "").replace(/\s/g, "");
  const backupCode = (typeof input.backupCode === "string" ? input.backupCode : "").trim();
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
