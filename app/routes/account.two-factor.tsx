import { data, redirect } from "react-router";
import type { Route } from "./+types/account.two-factor";
import { PASSWORD_MIN_LENGTH } from "#core/accounts/create-auth.ts";
import { AppError } from "#core/shared/errors.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { callAuth } from "../lib/auth-forms.server.ts";
import { forwardCookies, requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { qrDataUri } from "../lib/qr.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "二段階認証の設定 · Chiiki" }];

async function hasPassword(state: ReturnType<typeof stateOf>, userId: string) {
  const row = await state.services.database.db.selectFrom("account").select("id").where("userId", "=", userId).where("providerId", "=", "credential").executeTakeFirst();
  return Boolean(row);
}

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return { enabled: actor.twoFactorEnabled, hasPassword: await hasPassword(state, actor.userId) };
}

/**
 * Two steps without script: `start` (password, or a new password for invited accounts that have
 * none) returns the QR code and backup codes; `verify` checks a code and turns TOTP on.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  const api = state.services.auth.api;
  return runForm(state, form, async () => {
    if (form.get("intent") === "verify") {
      const totpURI = String(form.get("totpURI") ?? "");
      const code = String(form.get("code") ?? "").replace(/\s/g, "");
      if (!/^\d{6}$/.test(code)) {
        return data({ ok: false as const, step: "verify", totpURI, qr: await qrDataUri(totpURI), code: "validation-failed", message: state.t("error.validation-failed"), fields: { code: state.t("field.totp") }, values: {} }, { status: 422 });
      }
      const response = await callAuth(() => api.verifyTOTP({ body: { code }, headers: request.headers, asResponse: true }));
      if (!response.ok) {
        return data({ ok: false as const, step: "verify", totpURI, qr: await qrDataUri(totpURI), code: "two-factor-failed", message: state.t("twoFactor.failed"), fields: { code: state.t("twoFactor.failed") }, values: {} }, { status: 401 });
      }
      throw redirect("/account?twoFactor=on", { headers: forwardCookies(response) });
    }

    let password = String(form.get("password") ?? "");
    if (!(await hasPassword(state, actor.userId))) {
      const newPassword = String(form.get("newPassword") ?? "");
      if (newPassword.length < PASSWORD_MIN_LENGTH) {
        throw new AppError("validation-failed", { fields: [{ field: "newPassword", code: "too-short", params: { min: PASSWORD_MIN_LENGTH } }] });
      }
      await api.setPassword({ body: { newPassword }, headers: request.headers });
      password = newPassword;
    }
    if (!password) throw new AppError("validation-failed", { fields: [{ field: "password", code: "required" }] });
    const started = await callAuth(() => api.enableTwoFactor({ body: { password }, headers: request.headers, asResponse: true }));
    if (!started.ok) {
      return data({ ok: false as const, code: "sign-in-failed", message: state.t("signIn.failed"), fields: { password: state.t("signIn.failed") }, values: {} }, { status: 401 });
    }
    const { totpURI, backupCodes } = (await started.json()) as { totpURI: string; backupCodes: string[] };
    const secret = new URL(totpURI).searchParams.get("secret") ?? "";
    return data({ ok: true as const, step: "verify", totpURI, qr: await qrDataUri(totpURI), secret, backupCodes }, { headers: forwardCookies(started) });
  });
}

export default function EnrolTwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const step = actionData && "step" in actionData ? (actionData as { step: string; totpURI: string; qr: string; secret?: string; backupCodes?: string[] }) : null;
  return (
    <section className="page narrow" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t("enrol.title")}</h1>
      {loaderData.enabled && !step && <Notice tone="success"><p>{t("enrol.enabled")}</p></Notice>}
      <FormError failure={failure} />
      {step ? (
        <>
          <p>{t("enrol.lead")}</p>
          <img className="qr" src={step.qr} alt="TOTP QR code" width={220} height={220} />
          {step.secret && (
            <p>{t("enrol.secret")} <code className="mono" data-testid="totp-secret">{step.secret}</code></p>
          )}
          {step.backupCodes && (
            <>
              <h2>{t("enrol.backupCodes")}</h2>
              <p className="lead">{t("enrol.backupCodesHint")}</p>
              <ul className="codes">{step.backupCodes.map((c) => <li key={c}>{c}</li>)}</ul>
            </>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="verify" />
            <input type="hidden" name="totpURI" value={step.totpURI} />
            <Field name="code" label={t("label.code")} hint={t("label.codeHint")} failure={failure} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required />
            <div className="actions"><SubmitButton>{t("enrol.verify")}</SubmitButton></div>
          </Form>
        </>
      ) : (
        !loaderData.enabled && (
          <>
            <p>{t("enrol.lead")}</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="start" />
              {loaderData.hasPassword ? (
                <>
                  <p>{t("enrol.stepPassword")}</p>
                  <Field name="password" type="password" label={t("label.password")} failure={failure} required autoComplete="current-password" />
                </>
              ) : (
                <>
                  <p>{t("enrol.stepSetPassword")}</p>
                  <Field name="newPassword" type="password" label={t("label.newPassword")} hint={t("label.passwordHint")} failure={failure} required autoComplete="new-password" />
                </>
              )}
              <div className="actions"><SubmitButton>{t("enrol.start")}</SubmitButton></div>
            </Form>
          </>
        )
      )}
    </section>
  );
}
