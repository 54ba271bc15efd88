import { Link } from "react-router";
import type { Route } from "./+types/secretariat.invitations";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { inviteUser, type InviteUserInput } from "#core/accounts/invite-user.ts";
import { getInvitationForm } from "#core/accounts/get-invitation-form.ts";
import { isMessageKey } from "#i18n/index.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { RoleFields } from "../components/role-fields.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "招待 · Chiiki" }];

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () =>
    getInvitationForm(accountsDepsFrom(state.services), actor, Object.fromEntries(url.searchParams)),
  );
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    // Parsed (and refused field by field) by the use case's schema.
    const input = formInput(form) as InviteUserInput;
    await inviteUser(accountsDepsFrom(state.services), actor, input);
    return { ok: true as const, invited: input.email.trim().toLowerCase() };
  });
}

export default function Invitations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const invited = actionData && "invited" in actionData ? actionData.invited : null;
  return (
    <section className="page" aria-labelledby="invitations-title">
      <h1 id="invitations-title">{t("invite.title")}</h1>
      <p className="lead">{t("invite.lead")}</p>
      <p>
        <Link to="/secretariat/person-links">{t("nav.personLinks")}</Link>
      </p>
      {invited && (
        <Notice tone="success">
          <p>{t("invite.sent", { email: invited })}</p>
        </Notice>
      )}
      <div className="invite-search">
        <Form method="get" role="search" className="filters filters--compact" aria-label={t("invite.search")}>
          <Field name="q" type="search" label={t("invite.searchLabel")} defaultValue={loaderData.q} />
          <div className="actions">
            <SubmitButton>{t("invite.searchSubmit")}</SubmitButton>
            {loaderData.q && <Link to="/secretariat/invitations">{t("invite.searchClear")}</Link>}
          </div>
        </Form>
        {loaderData.q && (
          <p role="status">
            {t("invite.searchResult", {
              q: loaderData.q,
              organisations: loaderData.scopes.organisation.length,
              groups: loaderData.scopes.group.length,
              events: loaderData.scopes.event.length,
            })}
          </p>
        )}
      </div>
      <FormError failure={failure} />
      {/* A successful invitation starts a fresh, empty form. */}
      <Form method="post" noValidate className="form-grid" key={invited ?? "form"}>
        <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="off" />
        <Field
          name="name"
          label={t("label.name")}
          hint={t("label.nameHint")}
          failure={failure}
          required
          autoComplete="off"
        />
        <RoleFields failure={failure} hint={t("invite.scopeChooseHint")} scopes={loaderData.scopes} />
        <SelectField
          name="locale"
          label={t("invite.locale")}
          failure={failure}
          defaultValue="ja"
          options={[
            { value: "ja", label: t("account.languageJa") },
            { value: "en", label: t("account.languageEn") },
          ]}
        />
        <div className="actions">
          <SubmitButton>{t("invite.submit")}</SubmitButton>
        </div>
      </Form>

      <h2>{t("invite.list")}</h2>
      {loaderData.invitations.length === 0 ? (
        <p>{t("invite.empty")}</p>
      ) : (
        <TableWrap label={t("invite.list")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("label.name")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("label.email")}</th>
                <th scope="col">{t("label.role")}</th>
                <th scope="col">{t("common.createdAt")}</th>
                <th scope="col">{t("invite.expiresAt")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.invitations.map((inv) => {
                const role = `role.${inv.role}`;
                return (
                  <tr key={inv.id}>
                    <td>{inv.name}</td>
                    <td>
                      <span className={`badge badge--${inv.state}`}>{t(`invite.${inv.state}`)}</span>
                    </td>
                    <td>{inv.email}</td>
                    <td>
                      {isMessageKey(role) ? t(role) : inv.role}
                      {inv.scopeId && <> · {inv.scopeName ?? <span className="mono">{inv.scopeId}</span>}</>}
                    </td>
                    <td>{formatDateTime(inv.createdAt, locale)}</td>
                    <td>{formatDateTime(inv.expiresAt, locale)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
