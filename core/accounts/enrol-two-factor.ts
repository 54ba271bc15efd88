import { AppError } from "../shared/errors.ts";
import { type Actor, requireSignedIn } from "./actor.ts";
import { callAuth, cookiesOf } from "./call-auth.ts";
import { PASSWORD_MIN_LENGTH } from "./create-auth.ts";
import { hasPassword } from "./change-password.ts";
import type { AccountsDeps } from "./deps.ts";

/**
 * Step one of TOTP enrolment: the password (or, for an account without one, a new password)
 * proves the person at the keyboard; answers the authenticator URI and the backup codes.
 * TOTP is on only after {@link confirmTwoFactorEnrolment}.
 */
export async function startTwoFactorEnrolment(
  deps: Pick<AccountsDeps, "db" | "auth">,
  actor: Actor,
  input: { password?: unknown; newPassword?: unknown },
  requestHeaders: Headers,
): Promise<{ totpURI: string; secret: string; backupCodes: string[]; cookies: Headers }> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const api = deps.auth.api;
  let password = typeof input.password === "string" ? input.password : "";
  if (!(await hasPassword(deps, actor.userId))) {
    const newPassword = typeof input.newPassword === "string" ? input.newPassword : "";
    if (newPassword.length < PASSWORD_MIN_LENGTH) {
      const tooShort = { field: "newPassword", code: "too-short", params: { min: PASSWORD_MIN_LENGTH } };
      throw new AppError("validation-failed", { fields: [tooShort] });
    }
    await api.setPassword({ body: { newPassword }, headers: requestHeaders });
    password = newPassword;
  }
  if (!password) throw new AppError("validation-failed", { fields: [{ field: "password", code: "required" }] });
  const started = await callAuth(() =>
    api.enableTwoFactor({ body: { password }, headers: requestHeaders, asResponse: true }),
  );
  if (!started.ok) throw new AppError("password-wrong", { fields: [{ field: "password", code: "password-wrong" }] });
  const { totpURI, backupCodes } = (await started.json()) as { totpURI: string; backupCodes: string[] };
  const secret = new URL(totpURI).searchParams.get("secret") ?? "";
  return { totpURI, backupCodes, secret, cookies: cookiesOf(started) };
}

/**
 * Step two: a code from the authenticator turns TOTP on. Better Auth replaces the session with
 * one that passed the second factor (second-factor.ts marks it so).
 */
export async function confirmTwoFactorEnrolment(
  deps: Pick<AccountsDeps, "auth">,
  actor: Actor,
  input: { code?: unknown },
  requestHeaders: Headers,
): Promise<{ cookies: Headers }> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const code = (typeof input.code === "string" ? input.code : "").replace(/\s/g, "");
  if (!/^\d{6}$/.test(code)) throw new AppError("validation-failed", { fields: [{ field: "code", code: "totp" }] });
  const response = await callAuth(() =>
    deps.auth.api.verifyTOTP({ body: { code }, headers: requestHeaders, asResponse: true }),
  );
  if (!response.ok) throw new AppError("two-factor-failed", { fields: [{ field: "code", code: "two-factor-failed" }] });
  return { cookies: cookiesOf(response) };
}
