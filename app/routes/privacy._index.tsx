import type { Route } from "./+types/privacy._index";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { requestErasureLink } from "#core/privacy/request-erasure-link.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "個人情報の削除のお申し込み · Chiiki" }];

/** After an erasure through the link, the page confirms it with the record's pseudonym. */
export function loader({ request }: Route.LoaderArgs) {
  const erased = new URL(request.url).searchParams.get("erased") ?? "";
  return { erased: /^[0-9a-f]{6}$/.test(erased) ? `#${erased}` : null };
}

/** Queues the link when anything is held under the address; the page answers the same for any address. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await requestErasureLink(privacyDepsFrom(state.services), { email: "", ...formInput(form) }, state.locale);
    return { ok: true as const, sent: true };
  });
}

export default function PrivacyRequest({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const sent = actionData && "sent" in actionData;
  return (
    <section className="page narrow" aria-labelledby="privacy-request-title">
      <h1 id="privacy-request-title">{t("privacy.request.title")}</h1>
      {loaderData.erased && (
        <Notice tone="success">
          <p>{t("privacy.link.done", { ref: loaderData.erased })}</p>
        </Notice>
      )}
      {sent ? (
        <Notice tone="success">
          <p>{t("privacy.request.sent")}</p>
        </Notice>
      ) : (
        <>
          <p className="lead">{t("privacy.request.lead")}</p>
          <FormError failure={failure} />
          <Form method="post" noValidate>
            <Field name="email" type="email" label={t("label.email")} failure={failure} required autoComplete="email" />
            <div className="actions">
              <SubmitButton>{t("privacy.request.submit")}</SubmitButton>
            </div>
          </Form>
          <p>{t("privacy.request.account")}</p>
        </>
      )}
    </section>
  );
}
