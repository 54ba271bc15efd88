import { Form } from "react-router";
import type { Route } from "./+types/materials.consent.$token";
import { consentRights, consentScopes } from "#core/sharing/decide-access.ts";
import { getConsentRequest, recordMaterialConsent, withdrawMaterialConsent } from "#core/sharing/material-consent.ts";
import { formatEraDate } from "#i18n/dates.ts";
import { failureOf, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "講演資料の公開範囲 · Chiiki" }];

/** The speaker's page behind the mailed link: no account needed, the token is the authority. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return await orRespond(state, request, () => getConsentRequest(state.services.database.db, params.token));
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const form = await request.formData();
  return runForm(state, form, async () => {
    if (form.get("intent") === "withdraw") {
      await withdrawMaterialConsent(sharingDepsFrom(state.services), params.token);
      return { ok: true as const, done: "withdrawn" as const };
    }
    await recordMaterialConsent(
      sharingDepsFrom(state.services),
      params.token,
      formInput(form, { many: ["rights"], checkboxes: ["downloadAllowed"] }),
    );
    return { ok: true as const, done: "saved" as const };
  });
}

export default function Consent({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const { material, medium, rightsNeeded, groups } = loaderData;
  const failure = failureOf(actionData);
  const done = actionData && "done" in actionData ? actionData.done : null;
  const current = material.consentState === "granted" ? material.consent : null;
  const missing = current ? rightsNeeded.filter((r) => !current.rights.includes(r)) : [];
  const audience = (c: NonNullable<typeof current>) =>
    c.scope === "group"
      ? t("sharing.consent.groupNamed", { name: c.groupName ?? t("sharing.consent.groupGone") })
      : t(`sharing.scope.${c.scope}`);
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
        {material.fileName} · {t(`sharing.materials.kind.${material.kind}`)} · {t(`sharing.consent.medium.${medium}`)}
      </p>
      <h2 id="consent-current">{t("sharing.consent.currentTitle")}</h2>
      {current ? (
        <dl className="facts" aria-labelledby="consent-current">
          <dt>{t("sharing.consent.rights")}</dt>
          <dd>
            {current.rights.length
              ? current.rights.map((r) => t(`sharing.consent.right.${r}`)).join("、")
              : t("sharing.consent.noRights")}
          </dd>
          <dt>{t("sharing.consent.media")}</dt>
          <dd>{current.media.map((m) => t(`sharing.consent.medium.${m}`)).join("、")}</dd>
          <dt>{t("sharing.consent.scope")}</dt>
          <dd>{audience(current)}</dd>
          <dt>{t("sharing.consent.downloadTitle")}</dt>
          <dd>{current.downloadAllowed ? t("sharing.consent.downloadYes") : t("sharing.materials.viewOnly")}</dd>
          <dt>{t("sharing.consent.decidedAt")}</dt>
          <dd>{formatEraDate(current.decidedAt)}</dd>
        </dl>
      ) : (
        <p>{material.consentState === "withdrawn" ? t("sharing.consent.noneWithdrawn") : t("sharing.consent.none")}</p>
      )}
      {current && missing.length > 0 && current.scope !== "organisers" && (
        <Notice tone="error">
          <p>
            {t("sharing.consent.notShown", { rights: missing.map((r) => t(`sharing.consent.right.${r}`)).join("、") })}
          </p>
        </Notice>
      )}
      <h2 id="consent-change">{current ? t("sharing.consent.change") : t("sharing.consent.give")}</h2>
      <Form method="post" noValidate aria-labelledby="consent-change">
        <FormError failure={failure} />
        <fieldset className="choices">
          <legend>{t("sharing.consent.rights")}</legend>
          {consentRights.map((right) => (
            <label key={right}>
              <input
                type="checkbox"
                name="rights"
                value={right}
                defaultChecked={current ? current.rights.includes(right) : rightsNeeded.includes(right)}
              />{" "}
              {t(`sharing.consent.right.${right}`)}
              {rightsNeeded.includes(right) && (
                <span className="muted">
                  {" "}
                  {t("sharing.consent.neededFor", { medium: t(`sharing.consent.medium.${medium}`) })}
                </span>
              )}
            </label>
          ))}
          {failure?.fields.rights && <p className="field__error">{failure.fields.rights}</p>}
        </fieldset>
        <fieldset className="choices">
          <legend>{t("sharing.consent.scope")}</legend>
          {consentScopes
            .filter((scope) => scope !== "group" || groups.length > 0)
            .map((scope) => (
              <label key={scope}>
                <input
                  type="radio"
                  name="scope"
                  value={scope}
                  defaultChecked={(current?.scope ?? "members") === scope}
                />{" "}
                {t(`sharing.scope.${scope}`)}
              </label>
            ))}
          {failure?.fields.scope && <p className="field__error">{failure.fields.scope}</p>}
        </fieldset>
        {groups.length > 0 && (
          <SelectField
            name="groupId"
            label={t("sharing.consent.group")}
            failure={failure}
            defaultValue={current?.groupId ?? ""}
            options={[
              { value: "", label: t("sharing.consent.groupNone") },
              ...groups.map((g) => ({ value: g.id, label: g.name })),
            ]}
          />
        )}
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
          <p className="field__hint">{t("sharing.consent.withdrawHint")}</p>
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
