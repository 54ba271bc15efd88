import { Link, redirect } from "react-router";
import type { Route } from "./+types/secretariat.privacy.$id";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { erasePerson } from "#core/privacy/erase-person.ts";
import { getPersonPrivacy } from "#core/privacy/get-person-privacy.ts";
import { isMessageKey } from "#i18n/index.ts";
import { failureOf, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "個人情報 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  return orRespond(state, request, () => getPersonPrivacy(privacyDepsFrom(state.services), actor, params.id));
}

/**
 * Erases the person; the ticked box carries the pseudonym the page showed. Then to the log of
 * requests: this page's loader would answer 404 for the erased person.
 */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    const input = { confirm: "", ...formInput(form) };
    const { ref } = await erasePerson(privacyDepsFrom(state.services), actor, params.id, input);
    return redirect(`/secretariat/privacy?erased=${encodeURIComponent(ref.slice(1))}`);
  });
}

export default function PersonPrivacy({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const p = loaderData;
  const confirmError = failure?.fields.confirm;
  return (
    <section className="page narrow" aria-labelledby="person-privacy-title">
      <h1 id="person-privacy-title">{t("privacy.person.title", { name: p.name })}</h1>
      <p className="muted mono">{p.ref}</p>
      <h2>{t("privacy.person.held")}</h2>
      <dl className="facts">
        {Object.entries(p.counts).map(([kind, n]) => {
          const key = `privacy.count.${kind}`;
          return [<dt key={`${kind}-t`}>{isMessageKey(key) ? t(key) : kind}</dt>, <dd key={`${kind}-d`}>{n}</dd>];
        })}
      </dl>
      <p className="actions">
        <Link
          reloadDocument
          className="button button--secondary"
          to={`/secretariat/privacy/${p.id}/export.json`}
          download
        >
          {t("privacy.person.exportJson")}
        </Link>
        <Link className="button button--secondary" to={`/secretariat/privacy/${p.id}/export`}>
          {t("privacy.person.exportHtml")}
        </Link>
        <Link
          reloadDocument
          className="button button--secondary"
          to={`/secretariat/privacy/${p.id}/export.pdf`}
          download
        >
          {t("privacy.person.exportPdf")}
        </Link>
      </p>
      <h2>{t("privacy.person.eraseTitle")}</h2>
      <p>
        {t("privacy.person.eraseEffect", { ref: p.ref, account: p.hasAccount ? t("privacy.person.eraseAccount") : "" })}
      </p>
      <FormError failure={failure} />
      <Form method="post" noValidate>
        <div className={`field field--checkbox${confirmError ? " field--invalid" : ""}`}>
          <label className="checkbox">
            <input
              type="checkbox"
              name="confirm"
              value={p.ref}
              aria-describedby={confirmError ? "confirm-error" : undefined}
            />{" "}
            {t("privacy.person.confirm", { ref: p.ref, name: p.name })}
          </label>
          {confirmError && (
            <p className="field__error" id="confirm-error">
              {confirmError}
            </p>
          )}
        </div>
        <div className="actions">
          <SubmitButton className="button button--danger">{t("privacy.person.eraseSubmit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
