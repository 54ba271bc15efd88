import { data, Link } from "react-router";
import type { Route } from "./+types/reset-password";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { resetPassword } from "#core/accounts/request-account-mail.ts";
import { failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { NewPasswordFields } from "../components/password-fields.tsx";

export const meta: Route.MetaFunction = () => [{ title: "新しいパスワードの設定 · Chiiki" }];

/**
 * The mailed link passes through Better Auth (/api/auth/reset-password/:token), which sends the
 * browser here with ?token=… when the token is valid, or ?error=INVALID_TOKEN when not.
 */
export async function loader({ url }: Route.LoaderArgs) {
  const token = url.searchParams.get("token") ?? "";
  const invalid = url.searchParams.has("error") || !token;
  return data({ token: invalid ? null : token }, { status: invalid ? 410 : 200 });
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await resetPassword(accountsDepsFrom(state.services), formInput(form), request.headers, clientOf(request));
    return { ok: true as const, done: true };
  });
}

export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const done = actionData && "done" in actionData;
  return (
    <section className="page narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">{t("reset.title")}</h1>
      {done ? (
        <>
          <Notice tone="success">
            <p>{t("reset.done")}</p>
          </Notice>
          <p>
            <Link to="/sign-in">{t("signIn.title")}</Link>
          </p>
        </>
      ) : (
        <>
          <FormError failure={failure} />
          {!loaderData.token && (
            <Notice tone="error">
              <p>{t("reset.invalid")}</p>
            </Notice>
          )}
          {!loaderData.token || failure?.code === "reset-invalid" ? (
            <p>
              <Link to="/forgot-password">{t("reset.requestAgain")}</Link>
            </p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="token" value={loaderData.token ?? ""} />
              <NewPasswordFields failure={failure} />
              <div className="actions">
                <SubmitButton>{t("reset.submit")}</SubmitButton>
              </div>
            </Form>
          )}
        </>
      )}
    </section>
  );
}
