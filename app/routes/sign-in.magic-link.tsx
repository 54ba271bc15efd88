import { Link, redirect } from "react-router";
import type { Route } from "./+types/sign-in.magic-link";
import { MAGIC_LINK_MINUTES } from "#core/accounts/create-auth.ts";
import { accountsDepsFrom } from "#core/accounts/deps.ts";
import { requestMagicLink } from "#core/accounts/request-account-mail.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { clientOf, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "メールでログイン · Chiiki" }];

export async function loader({ context, url }: Route.LoaderArgs) {
  if (stateOf(context).actor.kind === "user") throw redirect("/");
  // Better Auth sends a failed link verification back here with ?error=…
  // The component gets the number from here: create-auth.ts must not reach the browser bundle.
  return { linkInvalid: url.searchParams.has("error"), minutes: MAGIC_LINK_MINUTES };
}

/**
 * Asks for a sign-in link (core/accounts/request-account-mail.ts); the answer never says whether
 * the address has an account.
 */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await requestMagicLink(accountsDepsFrom(state.services), formInput(form), request.headers, clientOf(request));
    return { ok: true as const, sent: true };
  });
}

export default function MagicLink({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData;
  return (
    <section className="page narrow" aria-labelledby="magic-title">
      <h1 id="magic-title">{t("magicLink.title")}</h1>
      {loaderData.linkInvalid && !sent && (
        <Notice tone="error">
          <p>{t("magicLink.invalid")}</p>
        </Notice>
      )}
      {sent ? (
        <Notice tone="success">
          <p>{t("magicLink.sent")}</p>
        </Notice>
      ) : (
        <>
          <p className="lead">{t("magicLink.lead", { minutes: loaderData.minutes })}</p>
          <FormError failure={failure} />
          <Form method="post" noValidate>
            <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="email" />
            <div className="actions">
              <SubmitButton>{t("magicLink.submit")}</SubmitButton>
            </div>
          </Form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t("magicLink.withPassword")}</Link>
      </p>
    </section>
  );
}
