import { Form } from "react-router";
import type { Route } from "./+types/materials.consent.$token";
import { consentScopes } from "#core/sharing/decide-access.ts";
import { getConsentRequest, recordMaterialConsent, withdrawMaterialConsent } from "#core/sharing/material-consent.ts";
import { formatEraDate } from "#i18n/dates.ts";
import { failureOf, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "講演資料の公開範囲 · Chiiki" }];

/** The speaker's page behind the mailed link: no account needed, the token is the authority. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return {
    material: await orRespond(state, request, () => getConsentRequest(state.services.database.db, params.token)),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    if (form.get("intent") === "withdraw") {
      await withdrawMaterialConsent(sharingDepsFrom(state.services), params.token);
      return { ok: true as const, done: "withdrawn" as const };
    }
    await recordMaterialConsent(sharingDepsFrom(state.services), params.token, formInput(form));
    return { ok: true as const, done: "saved" as const };
  });
}

export default function Consent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { material } = loaderData;
  const failure = failureOf(actionData);
  const done = actionData && "done" in actionData ? actionData.done : null;
  const current = material.consentState === "granted" ? material.consent : null;
  return (
    <section className="page narrow" aria-labelledby="consent-title">
      <h1 id="consent-title">{t("sharing.consent.title")}</h1>
      {done === "saved" && (
        <Notice tone="success">
          <p>{t("sharing.consent.saved")}</p>
        </Notice>
      )}
      {done === "withdrawn" && (
        <Notice tone="success">
          <p>{t("sharing.consent.withdrawn")}</p>
        </Notice>
      )}
      <p className="lead">{t("sharing.consent.lead", { title: material.title })}</p>
      <p className="muted">
        {material.fileName} · {t(`sharing.materials.kind.${material.kind}`)}
      </p>
      {current && (
        <p>
          {t("sharing.consent.current", {
            scope: t(`sharing.scope.${current.scope}`),
            download: current.downloadAllowed ? t("sharing.materials.download") : t("sharing.materials.viewOnly"),
            at: formatEraDate(current.decidedAt),
          })}
        </p>
      )}
      <Form method="post" noValidate>
        <FormError failure={failure} />
        <fieldset className="choices">
          <legend>{t("sharing.consent.scope")}</legend>
          {consentScopes.map((scope) => (
            <label key={scope}>
              <input type="radio" name="scope" value={scope} defaultChecked={(current?.scope ?? "members") === scope} />{" "}
              {t(`sharing.scope.${scope}`)}
            </label>
          ))}
          {failure?.fields.scope && <p className="field__error">{failure.fields.scope}</p>}
        </fieldset>
        <p className="field__hint">{t("sharing.consent.publicWarning")}</p>
        <div className="choices">
          <label>
            <input
              type="checkbox"
              name="downloadAllowed"
              value="on"
              defaultChecked={current?.downloadAllowed ?? false}
            />{" "}
            {t("sharing.consent.download")}
          </label>
        </div>
        <div className="actions">
          <SubmitButton name="intent" value="consent">
            {t("sharing.consent.submit")}
          </SubmitButton>
        </div>
      </Form>
      {current && (
        <Form method="post">
          <div className="actions">
            <SubmitButton name="intent" value="withdraw" className="button button--danger">
              {t("sharing.consent.withdraw")}
            </SubmitButton>
          </div>
        </Form>
      )}
    </section>
  );
}
