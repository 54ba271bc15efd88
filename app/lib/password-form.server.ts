import { parseNewPassword } from "#core/accounts/new-password.ts";

/** A new password typed twice in a form (the rule lives in core/accounts/new-password.ts). */
export function checkNewPassword(form: FormData): string {
  return parseNewPassword({ newPassword: form.get("newPassword"), passwordConfirm: form.get("passwordConfirm") });
}
