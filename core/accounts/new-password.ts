import { AppError, type FieldIssue } from "../shared/errors.ts";
import { PASSWORD_MIN_LENGTH } from "./create-auth.ts";

export const PASSWORD_MAX_LENGTH = 256;

/**
 * A new password typed twice: at least PASSWORD_MIN_LENGTH characters, and the confirmation must
 * match. Checked before anything is written, so a mistake leaves nothing behind.
 */
export function parseNewPassword(input: { newPassword?: unknown; passwordConfirm?: unknown }): string {
  const newPassword = typeof input.newPassword === "string" ? input.newPassword : "";
  const confirm = typeof input.passwordConfirm === "string" ? input.passwordConfirm : "";
  const fields: FieldIssue[] = [];
  if (!newPassword) fields.push({ field: "newPassword", code: "required" });
  else if (newPassword.length < PASSWORD_MIN_LENGTH) {
    fields.push({ field: "newPassword", code: "too-short", params: { min: PASSWORD_MIN_LENGTH } });
  } else if (newPassword.length > PASSWORD_MAX_LENGTH) {
    fields.push({ field: "newPassword", code: "too-long", params: { max: PASSWORD_MAX_LENGTH } });
  }
  if (!confirm) fields.push({ field: "passwordConfirm", code: "required" });
  else if (newPassword && confirm !== newPassword) fields.push({ field: "passwordConfirm", code: "password-mismatch" });
  if (fields.length) throw new AppError("validation-failed", { fields });
  return newPassword;
}
