import { PASSWORD_MIN_LENGTH } from "#core/accounts/create-auth.ts";
import { AppError, type FieldIssue } from "#core/shared/errors.ts";

/**
 * A new password typed twice: at least PASSWORD_MIN_LENGTH characters, and the confirmation
 * must match. Checked before anything is sent to Better Auth, so a mistake writes nothing.
 */
export function checkNewPassword(form: FormData): string {
  const newPassword = String(form.get("newPassword") ?? "");
  const confirm = String(form.get("passwordConfirm") ?? "");
  const fields: FieldIssue[] = [];
  if (!newPassword) fields.push({ field: "newPassword", code: "required" });
  else if (newPassword.length < PASSWORD_MIN_LENGTH) fields.push({ field: "newPassword", code: "too-short", params: { min: PASSWORD_MIN_LENGTH } });
  else if (newPassword.length > 256) fields.push({ field: "newPassword", code: "too-long", params: { max: 256 } });
  if (!confirm) fields.push({ field: "passwordConfirm", code: "required" });
  else if (newPassword && confirm !== newPassword) fields.push({ field: "passwordConfirm", code: "password-mismatch" });
  if (fields.length) throw new AppError("validation-failed", { fields });
  return newPassword;
}
