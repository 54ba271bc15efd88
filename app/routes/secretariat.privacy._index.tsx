import { Link } from "react-router";
import type { Route } from "./+types/secretariat.privacy._index";
import { privacyDepsFrom } from "#core/privacy/deps.ts";
import { getPrivacyOverview } from "#core/privacy/get-privacy-overview.ts";
import { updateRetentionSettings } from "#core/privacy/retention-settings.ts";
import { isMessageKey } from "#i18n/index.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { Field, failureOf, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "個人情報の請求 · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const url = new URL(request.url);
  const erased = url.searchParams.get("erased") ?? "";
  const overview = await orRespond(state, request, () =>
    getPrivacyOverview(privacyDepsFrom(state.services), actor, { q: url.searchParams.get("q") ?? undefined }),
  );
  // After an erasure (secretariat.privacy.$id): its pseudonym, shown in the notice.
  return { ...overview, erased: /^[0-9a-f]{6}$/.test(erased) ? `#${erased}` : null };
}

/** Saves the retention settings. */
export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await updateRetentionSettings(privacyDepsFrom(state.services), actor, formInput(form));
    return { ok: true as const, saved: true };
  });
}

export default function PrivacyRequests({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const { query, matches, requests, retention, erased } = loaderData;
  const countLabel = (kind: string) => {
    const key = `privacy.count.${kind}`;
    return isMessageKey(key) ? t(key) : kind;
  };
  const label = (key: string) => (isMessageKey(key) ? t(key) : key);
  return (
    <section className="page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t("privacy.admin.title")}</h1>
      <p className="lead">{t("privacy.admin.lead")}</p>
      {erased && (
        <Notice tone="success">
          <p>{t("privacy.person.erased", { ref: erased })}</p>
        </Notice>
      )}
      <p>
        <Link to="/privacy">{t("privacy.admin.selfServiceLink")}</Link>
      </p>

      <Form method="get" className="form-grid" role="search">
        <Field name="q" type="search" label={t("privacy.admin.search")} defaultValue={query} />
        <div className="actions">
          <SubmitButton>{t("privacy.admin.searchSubmit")}</SubmitButton>
        </div>
      </Form>
      {query &&
        (matches.length === 0 ? (
          <p>{t("privacy.admin.noMatches")}</p>
        ) : (
          <ul className="plain-list">
            {matches.map((m) => (
              <li key={m.id}>
                <Link to={`/secretariat/privacy/${m.id}`}>{m.name}</Link>
                {m.organisation && <span className="muted"> · {m.organisation}</span>}
                {m.email && <span className="muted"> · {m.email}</span>}
              </li>
            ))}
          </ul>
        ))}

      <h2>{t("privacy.admin.log")}</h2>
      {requests.length === 0 ? (
        <p>{t("privacy.admin.noRequests")}</p>
      ) : (
        <TableWrap label={t("privacy.admin.log")}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("privacy.admin.at")}</th>
                <th scope="col">{t("privacy.admin.kind")}</th>
                <th scope="col">{t("privacy.admin.subject")}</th>
                <th scope="col">{t("privacy.admin.requestedBy")}</th>
                <th scope="col">{t("privacy.admin.state")}</th>
                <th scope="col">{t("privacy.admin.counts")}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.requestedAt, locale)}</td>
                  <td>{label(`privacy.kind.${r.kind}`)}</td>
                  <td className="mono">{r.subjectRef}</td>
                  <td>{r.requestedBy === "self" ? t("privacy.admin.self") : r.requestedBy}</td>
                  <td>{label(`privacy.state.${r.state}`)}</td>
                  <td>
                    {r.counts
                      ? Object.entries(r.counts)
                          .filter(([, n]) => n > 0)
                          .map(([k, n]) => `${countLabel(k)} ${n}`)
                          .join("、")
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2 id="retention">{t("privacy.retention.title")}</h2>
      <p>{t("privacy.retention.lead")}</p>
      {actionData && "saved" in actionData && (
        <Notice tone="success">
          <p>{t("privacy.retention.saved")}</p>
        </Notice>
      )}
      <FormError failure={failure} />
      <Form method="post" noValidate className="form-grid">
        <Field
          name="registrationYears"
          inputMode="numeric"
          label={t("privacy.retention.registrationYears")}
          failure={failure}
          defaultValue={String(retention.registrationYears)}
          required
        />
        <Field
          name="downloadYears"
          inputMode="numeric"
          label={t("privacy.retention.downloadYears")}
          failure={failure}
          defaultValue={String(retention.downloadYears)}
          required
        />
        <Field
          name="outboxDays"
          inputMode="numeric"
          label={t("privacy.retention.outboxDays")}
          failure={failure}
          defaultValue={String(retention.outboxDays)}
          required
        />
        <div className="actions">
          <SubmitButton>{t("privacy.retention.submit")}</SubmitButton>
        </div>
      </Form>
    </section>
  );
}
