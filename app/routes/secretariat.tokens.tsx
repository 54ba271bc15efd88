import type { Route } from "./+types/secretariat.tokens";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { createApiToken, type createApiTokenSchema, revokeApiToken } from "#core/accounts/api-tokens.ts";
import { getApiTokenForm } from "#core/accounts/get-api-token-form.ts";
import type { z } from "zod";
import { isMessageKey } from "#i18n/index.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { RoleFields } from "../components/role-fields.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "APIトークン · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return getApiTokenForm(accountsDepsFrom(state.services), actor);
}

/** `create` answers with the token, which is never shown again; `revoke` ends one at once. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    if (form.get("intent") === "revoke") {
      await revokeApiToken(accountsDepsFrom(state.services), actor, String(form.get("id") ?? ""));
      return { ok: true as const, revoked: true };
    }
    const { token } = await createApiToken(
      accountsDepsFrom(state.services),
      actor,
      formInput(form) as z.input<typeof createApiTokenSchema>,
    );
    return { ok: true as const, token };
  });
}

export default function Tokens({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const created = actionData && "token" in actionData ? actionData.token : null;
  const revoked = actionData && "revoked" in actionData;
  return (
    <section className="page" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t("tokens.title")}</h1>
      <p className="lead">{t("tokens.lead")}</p>
      {created && (
        <Notice tone="success">
          <p>{t("tokens.created")}</p>
          <p>
            <code className="mono token" data-testid="api-token">
              {created}
            </code>
          </p>
        </Notice>
      )}
      {revoked && (
        <Notice tone="success">
          <p>{t("tokens.revokedNotice")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <Form method="post" noValidate className="form-grid" key={created ?? "form"}>
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label={t("label.tokenName")} failure={failure} required autoComplete="off" />
        <RoleFields failure={failure} hint={t("tokens.scopeHint")} scopes={loaderData.scopes} />
        <div className="actions">
          <SubmitButton>{t("tokens.create")}</SubmitButton>
        </div>
      </Form>

      <h2>{t("tokens.list")}</h2>
      {loaderData.tokens.length === 0 ? (
        <p>{t("tokens.empty")}</p>
      ) : (
        <TableWrap label={t("tokens.list")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("label.tokenName")}</th>
                <th scope="col">{t("common.status")}</th>
                <th scope="col">{t("label.role")}</th>
                <th scope="col">{t("common.createdAt")}</th>
                <th scope="col">{t("tokens.lastUsed")}</th>
              </tr>
            </thead>
            <tbody>
              {loaderData.tokens.map((token) => {
                const role = `role.${token.role}`;
                return (
                  <tr key={token.id}>
                    <td>{token.name}</td>
                    <td>
                      {token.revokedAt ? (
                        <span className="badge badge--expired">{t("tokens.revoked")}</span>
                      ) : (
                        <Form method="post" className="row-action">
                          <span className="badge badge--accepted">{t("tokens.active")}</span>
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="id" value={token.id} />
                          <button
                            type="submit"
                            className="button button--danger button--small"
                            aria-label={`${t("tokens.revoke")}: ${token.name}`}
                          >
                            {t("tokens.revoke")}
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>
                      {isMessageKey(role) ? t(role) : token.role}
                      {token.scopeId && <> · {token.scopeName ?? <span className="mono">{token.scopeId}</span>}</>}
                    </td>
                    <td>{formatDateTime(token.createdAt, locale)}</td>
                    <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t("tokens.never")}</td>
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
