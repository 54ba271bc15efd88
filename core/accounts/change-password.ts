import { AppError } from "../shared/errors.ts";
import { type Actor, requireSignedIn } from "./actor.ts";
import { callAuth, cookiesOf } from "./call-auth.ts";
import type { AccountsDeps } from "./deps.ts";
import { parseNewPassword } from "./new-password.ts";

/** Whether an account has a password (invited accounts made before passwords were asked for may not). */
export async function hasPassword(deps: Pick<AccountsDeps, "db">, userId: string): Promise<boolean> {
  const row = await deps.db
    .selectFrom("account")
    .select("password")
    .where("userId", "=", userId)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  return Boolean(row?.password);
}

/**
 * Changes the signed-in user's password, or sets the first one. An account with a password must
 * prove it (`password-wrong`, 400); other sessions end. The session cookie is replaced.
 */
export async function changePassword(
  deps: Pick<AccountsDeps, "db" | "auth">,
  actor: Actor,
  input: { password?: unknown; newPassword?: unknown; passwordConfirm?: unknown },
  requestHeaders: Headers,
): Promise<{ cookies: Headers }> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const current = typeof input.password === "string" ? input.password : "";
  const existing = await hasPassword(deps, actor.userId);
  if (existing && !current) {
    throw new AppError("validation-failed", { fields: [{ field: "password", code: "required" }] });
  }
  const newPassword = parseNewPassword(input);
  const api = deps.auth.api;
  const response = await callAuth(() =>
    existing
      ? api.changePassword({
          body: { currentPassword: current, newPassword, revokeOtherSessions: true },
          headers: requestHeaders,
          asResponse: true,
        })
      : api.setPassword({ body: { newPassword }, headers: requestHeaders, asResponse: true }),
  );
  if (!response.ok) {
    throw new AppError("password-wrong", { fields: existing ? [{ field: "password", code: "password-wrong" }] : [] });
  }
  return { cookies: cookiesOf(response) };
}
