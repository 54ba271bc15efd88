import { roles } from "#core/accounts/actor.ts";
import type { ScopedType, ScopeOption } from "#core/accounts/role-scopes.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { Field, SelectField } from "./form.tsx";

/**
 * The role select and the scope beside it. Without script, CSS (`.role-fields:has(…)`) hides
 * the scope while the secretariat, the one role without a scope, is selected. Given `scopes`, the
 * scope is chosen by name from organisations, groups and events (core checks it matches the
 * role); otherwise it is an id typed in.
 */
export function RoleFields({
  failure,
  hint,
  scopes,
}: {
  failure: FormFailure | undefined;
  hint: string;
  scopes?: Record<ScopedType, ScopeOption[]>;
}) {
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
        {scopes ? (
          <SelectField
            name="scopeId"
            label={t("label.scope")}
            hint={hint}
            failure={failure}
            defaultValue=""
            options={[{ value: "", label: t("label.scopeChoose") }]}
            groups={(["organisation", "group", "event"] as const)
              .filter((type) => scopes[type].length > 0)
              .map((type) => ({
                label: t(`account.scope.${type}`),
                options: scopes[type].map((s) => ({ value: s.id, label: s.name })),
              }))}
          />
        ) : (
          <Field name="scopeId" label={t("label.scopeId")} hint={hint} failure={failure} autoComplete="off" />
        )}
      </div>
    </div>
  );
}
