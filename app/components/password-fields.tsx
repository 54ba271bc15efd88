import type { FormFailure } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { Field } from "./form.tsx";

/**
 * A new password (with the rules as its hint) and, unless `confirm` is false, the same password
 * again: what every page that sets a password asks, named as the accounts use cases read it.
 */
export function NewPasswordFields({
  failure,
  confirm = true,
}: {
  failure: FormFailure | undefined;
  confirm?: boolean;
}) {
  const t = useT();
  return (
    <>
      <Field
        name="newPassword"
        type="password"
        label={t("label.newPassword")}
        hint={t("label.passwordHint")}
        failure={failure}
        required
        autoComplete="new-password"
      />
      {confirm && (
        <Field
          name="passwordConfirm"
          type="password"
          label={t("label.passwordConfirm")}
          failure={failure}
          required
          autoComplete="new-password"
        />
      )}
    </>
  );
}
