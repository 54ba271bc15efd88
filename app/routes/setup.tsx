import { redirect } from "react-router";
import type { Route } from "./+types/setup";
import { completeFirstRun } from "#core/accounts/complete-first-run.ts";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { Field, failureOf, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { installed } from "../lib/installation.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "初期設定 · Chiiki" }];

export async function loader({ context }: Route.LoaderArgs) {
  if (await installed(stateOf(context).services)) throw redirect("/sign-in");
  return null;
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = { ...formInput(form), locale: state.locale };
    const deps = accountsDepsFrom(state.services);
    const { cookies } = await completeFirstRun(deps, input, request.headers, clientOf(request));
    // The root layout leads to TOTP enrolment, which is required.
    throw redirect("/account/two-factor", { headers: cookies });
  });
}

export default function Setup({ actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  return (
    <section className="page narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("setup.title")}</h1>
      <p className="lead">{t("setup.lead")}</p>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <Field
          name="community"
          label={t("setup.community")}
          hint={t("setup.communityHint")}
          failure={failure}
          required
          autoComplete="organization"
        />
        <Field
          name="name"
          label={t("label.name")}
          hint={t("label.nameHint")}
          failure={failure}
          required
          autoComplete="name"
        />
        <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="email" />
        <Field
          name="password"
          type="password"
          label={t("label.password")}
          hint={t("label.passwordHint")}
          failure={failure}
          required
          autoComplete="new-password"
          minLength={12}
        />
        <div className="actions">
          <SubmitButton>{t("setup.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
