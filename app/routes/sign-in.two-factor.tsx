import { redirect } from "react-router";
import type { Route } from "./+types/sign-in.two-factor";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { verifySecondFactor } from "#core/accounts/sign-in-with-password.ts";
import { Field, failureOf, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm, safeRedirectPath } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "二段階認証 · Chiiki" }];

export async function loader({ request }: Route.LoaderArgs) {
  return { redirectTo: safeRedirectPath(new URL(request.url).searchParams.get("redirectTo")) };
}

/** The second step of a sign-in (after a password or a magic link): a TOTP code, or a backup code. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const deps = accountsDepsFrom(state.services);
    const { cookies } = await verifySecondFactor(deps, formInput(form), request.headers, clientOf(request));
    throw redirect(safeRedirectPath(form.get("redirectTo")), { headers: cookies });
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
        <Field
          name="code"
          label={t("label.code")}
          hint={t("label.codeHint")}
          failure={failure}
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
        />
        <details>
          <summary>{t("twoFactor.useBackup")}</summary>
          <Field name="backupCode" label={t("twoFactor.backupCode")} failure={failure} autoComplete="off" />
        </details>
        <div className="actions">
          <SubmitButton>{t("twoFactor.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
