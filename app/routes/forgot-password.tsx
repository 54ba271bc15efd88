import { Link } from "react-router";
import type { Route } from "./+types/forgot-password";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { requestPasswordReset } from "#core/accounts/request-account-mail.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "パスワードの再設定 · Chiiki" }];

/** Queues a reset link; the answer never says whether the address has an account. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await requestPasswordReset(accountsDepsFrom(state.services), formInput(form), request.headers, clientOf(request));
    return { ok: true as const, sent: true };
  });
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData;
  return (
    <section className="page narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("forgot.title")}</h1>
      {sent ? (
        <Notice tone="success">
          <p>{t("forgot.sent")}</p>
        </Notice>
      ) : (
        <>
          <p className="lead">{t("forgot.lead")}</p>
          <FormError failure={failure} />
          <Form method="post" noValidate>
            <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="email" />
            <div className="actions">
              <SubmitButton>{t("forgot.submit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t("forgot.backToSignIn")}</Link>
      </p>
    </section>
  );
}
