import { Link, redirect } from "react-router";
import type { Route } from "./+types/sign-in._index";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { signInWithPassword } from "#core/accounts/sign-in-with-password.ts";
import { Field, failureOf, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm, safeRedirectPath } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "ログイン · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const redirectTo = safeRedirectPath(new URL(request.url).searchParams.get("redirectTo"));
  if (stateOf(context).actor.kind === "user") throw redirect(redirectTo);
  return { redirectTo };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const deps = accountsDepsFrom(state.services);
    const signedIn = await signInWithPassword(deps, formInput(form), request.headers, clientOf(request));
    const redirectTo = safeRedirectPath(form.get("redirectTo"));
    const { cookies } = signedIn;
    if (signedIn.secondFactorRequired) {
      throw redirect(`/sign-in/two-factor?redirectTo=${encodeURIComponent(redirectTo)}`, { headers: cookies });
    }
    throw redirect(redirectTo, { headers: cookies });
  });
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  return (
    <section className="page narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t("signIn.title")}</h1>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
        <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="username" />
        <Field
          name="password"
          type="password"
          label={t("label.password")}
          failure={failure}
          required
          autoComplete="current-password"
        />
        <div className="actions">
          <SubmitButton>{t("signIn.submit")}</SubmitButton>
        </div>
      </Form>
      <ul>
        <li>
          <Link to="/sign-in/magic-link">{t("signIn.withLink")}</Link>
        </li>
        <li>
          <Link to="/forgot-password">{t("signIn.forgot")}</Link>
        </li>
      </ul>
      <p className="lead">{t("signIn.noAccount")}</p>
    </section>
  );
}
