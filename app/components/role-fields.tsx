import { roles } from "#core/accounts/actor.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { Field, SelectField } from "./form.tsx";

/**
 * The role select and the scope ID beside it. Without script, CSS (`.role-fields:has(…)`) hides
 * the scope ID while the secretariat, the one role without a scope, is selected.
 */
export function RoleFields({ failure, hint }: { failure: FormFailure | undefined; hint: string }) {
  const t = useT();
  return (
    <div className="role-fields">
      <SelectField
        name="role"
        label={t("label.role")}
        failure={failure}
        defaultValue="member"
        required
        options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
      />
      <div className="role-fields__scope">
        <Field name="scopeId" label={t("label.scopeId")} hint={hint} failure={failure} autoComplete="off" />
      </div>
    </div>
  );
}
