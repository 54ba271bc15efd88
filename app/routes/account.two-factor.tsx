import { data, redirect } from "react-router";
import type { Route } from "./+types/account.two-factor";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { hasPassword } from "#core/accounts/change-password.ts";
import { confirmTwoFactorEnrolment, startTwoFactorEnrolment } from "#core/accounts/enrol-two-factor.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { requireUserPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { qrDataUri } from "../lib/qr.server.ts";
import { NewPasswordFields } from "../components/password-fields.tsx";

export const meta: Route.MetaFunction = () => [{ title: "二段階認証の設定 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  return {
    enabled: actor.twoFactorEnabled,
    hasPassword: await hasPassword(accountsDepsFrom(state.services), actor.userId),
  };
}

/**
 * Two steps without script: `start` (password, or a new password for invited accounts that have
 * none) returns the QR code and backup codes; `verify` checks a code and turns TOTP on.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireUserPage(state, request);
  const form = await request.formData();
  const accounts = accountsDepsFrom(state.services);
  const input = formInput(form);
  if (form.get("intent") === "verify") {
    const totpURI = String(form.get("totpURI") ?? "");
    // A wrong code shows the same QR code again, with the message beside the code field.
    return runForm(
      state,
      form,
      async () => {
        const { cookies } = await confirmTwoFactorEnrolment(accounts, actor, input, request.headers);
        throw redirect("/account?twoFactor=on", { headers: cookies });
      },
      async () => ({ step: "verify", totpURI, qr: await qrDataUri(totpURI) }),
    );
  }
  return runForm(state, form, async () => {
    const started = await startTwoFactorEnrolment(accounts, actor, input, request.headers);
    const { totpURI, backupCodes, secret, cookies } = started;
    const qr = await qrDataUri(totpURI);
    return data({ ok: true as const, step: "verify", totpURI, qr, secret, backupCodes }, { headers: cookies });
  });
}

export default function EnrolTwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const step =
    actionData && "step" in actionData
      ? (actionData as { step: string; totpURI: string; qr: string; secret?: string; backupCodes?: string[] })
      : null;
  return (
    <section className="page narrow" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t("enrol.title")}</h1>
      {loaderData.enabled && !step && (
        <Notice tone="success">
          <p>{t("enrol.enabled")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      {step ? (
        <>
          <p>{t("enrol.lead")}</p>
          <img className="qr" src={step.qr} alt="TOTP QR code" width={220} height={220} />
          {step.secret && (
            <p>
              {t("enrol.secret")}{" "}
              <code className="mono" data-testid="totp-secret">
                {step.secret}
              </code>
            </p>
          )}
          {step.backupCodes && (
            <>
              <h2>{t("enrol.backupCodes")}</h2>
              <p className="lead">{t("enrol.backupCodesHint")}</p>
              <ul className="codes">
                {step.backupCodes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </>
          )}
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="verify" />
            <input type="hidden" name="totpURI" value={step.totpURI} />
            <Field
              name="code"
              label={t("label.code")}
              hint={t("label.codeHint")}
              failure={failure}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
            />
            <div className="actions">
              <SubmitButton>{t("enrol.verify")}</SubmitButton>
            </div>
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
                  <Field
                    name="password"
                    type="password"
                    label={t("label.password")}
                    failure={failure}
                    required
                    autoComplete="current-password"
                  />
                </>
              ) : (
                <>
                  <p>{t("enrol.stepSetPassword")}</p>
                  <NewPasswordFields failure={failure} confirm={false} />
                </>
              )}
              <div className="actions">
                <SubmitButton>{t("enrol.start")}</SubmitButton>
              </div>
            </Form>
          </>
        )
      )}
    </section>
  );
}
