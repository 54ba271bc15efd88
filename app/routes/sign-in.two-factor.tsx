import { data, redirect } from "react-router";
import type { Route } from "./+types/sign-in.two-factor";
import { AppError } from "#core/shared/errors.ts";
import { Field, failureOf, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { callAuth, limitAuthAttempt } from "../lib/auth-forms.server.ts";
import { formValues, forwardCookies, runForm, safeRedirectPath } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "二段階認証 · Chiiki" }];

export async function loader({ request }: Route.LoaderArgs) {
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")) };
}

/** The second step of a password sign-in: a TOTP code, or one of the backup codes. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const code = String(form.get("code") ?? "").replace(/\s/g, "");
    const backupCode = String(form.get("backupCode") ?? "").trim();
    if (!code && !backupCode) throw new AppError("validation-failed", { fields: [{ field: "code", code: "totp" }] });
    if (code && !/^\d{6}$/.test(code)) throw new AppError("validation-failed", { fields: [{ field: "code", code: "totp" }] });
    await limitAuthAttempt(state, request, "two-factor", undefined);
    const api = state.services.auth.api;
    const response = await callAuth(() =>
      backupCode
        ? api.verifyBackupCode({ body: { code: backupCode }, headers: request.headers, asResponse: true })
        : api.verifyTOTP({ body: { code }, headers: request.headers, asResponse: true }),
    );
    if (!response.ok) {
      return data({ ok: false as const, code: "two-factor-failed", message: state.t("twoFactor.failed"), fields: { code: state.t("twoFactor.failed") }, values: formValues(form) }, { status: 401 });
    }
    throw redirect(safeRedirectPath(form.get("redirectTo")), { headers: forwardCookies(response) });
  });
}

export default function TwoFactor({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  return (
    <section className="page narrow" aria-labelledby="tf-title">
      <h1 id="tf-title">{t("twoFactor.title")}</h1>
      <p className="lead">{t("twoFactor.lead")}</p>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <Field name="code" label={t("label.code")} hint={t("label.codeHint")} failure={failure} inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]{6}" maxLength={6} />
        <details>
          <summary>{t("twoFactor.useBackup")}</summary>
          <Field name="backupCode" label={t("twoFactor.backupCode")} failure={failure} autoComplete="off" />
        </details>
        <div className="actions"><SubmitButton>{t("twoFactor.submit")}</SubmitButton></div>
      </Form>
    </section>
  );
}
