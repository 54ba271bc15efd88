import { data, Link, redirect } from "react-router";
import type { Route } from "./+types/account._index";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { changePassword } from "#core/accounts/change-password.ts";
import { getAccountOverview } from "#core/accounts/get-account-overview.ts";
import { signOutEverywhere } from "#core/accounts/sign-out-everywhere.ts";
import { isMessageKey } from "#i18n/index.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireUserPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { NewPasswordFields } from "../components/password-fields.tsx";
import { CommunitySwitch } from "../components/community-switch.tsx";
import { listMyCommunities, myCommunitiesDepsFrom } from "#core/communities/list-my-communities.ts";

export const meta: Route.MetaFunction = () => [{ title: "アカウント · Chiiki" }];

export async function loader({ context, request, url }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return {
    account: await orRespond(state, request, () => getAccountOverview(accountsDepsFrom(state.services), actor)),
    communities: await listMyCommunities(myCommunitiesDepsFrom(state.services), actor, state.services.community.id),
    twoFactorOn: url.searchParams.get("twoFactor") === "on",
    welcome: url.searchParams.get("welcome") === "1",
    languageSaved: url.searchParams.get("language") === "saved",
  };
}

/** Two forms post here: `password` (set or change) and `sign-out-everywhere`. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();

  if (form.get("intent") === "sign-out-everywhere") {
    const { cookies } = await signOutEverywhere(accountsDepsFrom(state.services), actor, request.headers);
    throw redirect("/sign-in", { headers: cookies });
  }

  return runForm(state, form, async () => {
    const deps = accountsDepsFrom(state.services);
    const { cookies } = await changePassword(deps, actor, formInput(form), request.headers);
    return data({ ok: true as const, passwordSaved: true }, { headers: cookies });
  });
}

export default function Account({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { account } = loaderData;
  const failure = failureOf(actionData);
  const saved = actionData && "passwordSaved" in actionData;
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  return (
    <section className="page narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      {loaderData.welcome && (
        <Notice tone="success">
          <p>{t("account.welcome")}</p>
        </Notice>
      )}
      {loaderData.twoFactorOn && (
        <Notice tone="success">
          <p>{t("enrol.done")}</p>
        </Notice>
      )}

      <h2>{t("account.profile")}</h2>
      <dl className="facts">
        <dt>{t("label.name")}</dt>
        <dd>{account.name}</dd>
        <dt>{t("label.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("account.person")}</dt>
        <dd>
          {account.person
            ? [account.person.name, account.person.organisation].filter(Boolean).join(" · ")
            : t("account.personNone")}
        </dd>
      </dl>

      <h2>{t("account.roles")}</h2>
      {account.grants.length === 0 ? (
        <p>{t("account.noRoles")}</p>
      ) : (
        <ul className="role-list">
          {account.grants.map((g) => (
            <li key={`${g.role}:${g.scopeId ?? ""}`}>
              <strong>{label(`role.${g.role}`, g.role)}</strong>
              {g.scopeType !== "global" && (
                <span className="role-list__scope">
                  {label(`account.scope.${g.scopeType}`, g.scopeType)}:{" "}
                  {g.scopeName ?? <span className="mono">{g.scopeId}</span>}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h2>{t("account.language")}</h2>
      {loaderData.languageSaved && (
        <Notice tone="success">
          <p>{t("account.languageSaved")}</p>
        </Notice>
      )}
      <Form method="post" action="/lang">
        <input type="hidden" name="redirectTo" value="/account?language=saved" />
        <fieldset className="choices">
          <legend className="visually-hidden">{t("account.language")}</legend>
          <label>
            <input type="radio" name="locale" value="ja" defaultChecked={locale === "ja"} />{" "}
            <span lang="ja">{t("account.languageJa")}</span>
          </label>
          <label>
            <input type="radio" name="locale" value="en" defaultChecked={locale === "en"} />{" "}
            <span lang="en">{t("account.languageEn")}</span>
          </label>
        </fieldset>
        <SubmitButton className="button button--secondary">{t("common.save")}</SubmitButton>
      </Form>

      <CommunitySwitch communities={loaderData.communities} />

      <h2>{t("account.security")}</h2>
      <h3>{t("account.twoFactor")}</h3>
      <p>
        {account.twoFactorEnabled ? t("enrol.enabled") : t("enrol.notEnabled")}{" "}
        <Link to="/account/two-factor">{t("account.twoFactorManage")}</Link>
      </p>

      <h3 id="password-title">{account.hasPassword ? t("account.changePassword") : t("account.setPassword")}</h3>
      {saved && (
        <Notice tone="success">
          <p>{t("account.passwordSaved")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      {!account.hasPassword && <p>{t("account.setPasswordLead")}</p>}
      <Form method="post" noValidate aria-labelledby="password-title">
        <input type="hidden" name="intent" value="password" />
        {/* A hidden username lets password managers file the new password under this account. */}
        <input type="hidden" name="username" autoComplete="username" value={account.email} />
        {account.hasPassword && (
          <Field
            name="password"
            type="password"
            label={t("label.currentPassword")}
            failure={failure}
            required
            autoComplete="current-password"
          />
        )}
        <NewPasswordFields failure={failure} />
        <div className="actions">
          <SubmitButton>{account.hasPassword ? t("account.changePassword") : t("account.setPassword")}</SubmitButton>
        </div>
      </Form>

      <h3>{t("account.signOutEverywhere")}</h3>
      <p>{t("account.signOutEverywhereHint")}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="sign-out-everywhere" />
        <SubmitButton className="button button--danger">{t("account.signOutEverywhere")}</SubmitButton>
      </Form>
    </section>
  );
}
