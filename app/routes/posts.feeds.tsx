import type { Route } from "./+types/posts.feeds";
import { tlpLevels } from "#core/sharing/decide-access.ts";
import { dismissFeedGap, fetchFeeds, listFeedSubscriptions, subscribeFeed } from "#core/sharing/feed-subscriptions.ts";
import { Field, failureOf, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { formInput } from "../lib/form.server.ts";
import { requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { translateDynamic } from "#i18n/index.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";

export const meta: Route.MetaFunction = () => [{ title: "外部フィードの取り込み · Chiiki" }];

export async function loader({ context, request }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return { subscriptions: await listFeedSubscriptions(sharingDepsFrom(state.services), state.actor) };
}

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    if (form.get("intent") === "dismiss-gap") {
      await dismissFeedGap(sharingDepsFrom(state.services), state.actor, form.get("id"));
      return { ok: true as const, added: null };
    }
    if (form.get("intent") === "fetch") {
      const { added } = await fetchFeeds(sharingDepsFrom(state.services), state.actor);
      return { ok: true as const, added };
    }
    await subscribeFeed(sharingDepsFrom(state.services), state.actor, formInput(form));
    return { ok: true as const, added: null };
  });
}

export default function Feeds({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  // The stored reason is a closed code (core/sharing/fetch-feed-document.ts); an unknown one reads
  // as a network failure.
  const failureText = (reason: string, detail: string | null) => {
    const key = `sharing.ingest.failure.${reason}`;
    return translateDynamic(locale, key, "sharing.ingest.failure.network", { detail: detail ?? "" });
  };
  const added = actionData && "added" in actionData ? actionData.added : null;
  return (
    <section className="page" aria-labelledby="feeds-title">
      <h1 id="feeds-title">{t("sharing.ingest.title")}</h1>
      <p className="lead">{t("sharing.ingest.lead")}</p>
      <p className="muted">{t("sharing.ingest.rules")}</p>
      {added !== null && (
        <Notice tone="success">
          <p>{t("sharing.ingest.fetched", { count: added })}</p>
        </Notice>
      )}
      {loaderData.subscriptions.length === 0 ? (
        <p>{t("sharing.ingest.none")}</p>
      ) : (
        <ul className="card-list">
          {loaderData.subscriptions.map((s) => (
            <li key={s.id}>
              <strong>{s.title}</strong> <span className="tlp-label muted">TLP:{s.default_tlp}</span>
              <p className="mono feed-url">{s.url}</p>
              <p className="muted">
                {t("sharing.ingest.lastFetched")}:{" "}
                {s.last_fetched_at ? formatDateTime(s.last_fetched_at, locale) : t("sharing.ingest.never")}
                {s.last_error && (
                  <>
                    {" · "}
                    <span className="error-text">
                      {t("sharing.ingest.error")}: {failureText(s.last_error, s.last_error_detail)}
                    </span>
                  </>
                )}
              </p>
              {s.gap_from && s.gap_until && (
                <Notice tone="error">
                  <p>
                    {t("sharing.ingest.gap", {
                      from: formatDateTime(s.gap_from, locale),
                      until: formatDateTime(s.gap_until, locale),
                    })}
                  </p>
                  <Form method="post">
                    <input type="hidden" name="id" value={s.id} />
                    <SubmitButton name="intent" value="dismiss-gap" className="button button--secondary">
                      {t("sharing.ingest.gapDismiss")}
                    </SubmitButton>
                  </Form>
                </Notice>
              )}
            </li>
          ))}
        </ul>
      )}
      <Form method="post">
        <div className="actions">
          <SubmitButton name="intent" value="fetch" className="button button--secondary">
            {t("sharing.ingest.fetchNow")}
          </SubmitButton>
        </div>
      </Form>
      <h2>{t("sharing.ingest.subscribe")}</h2>
      <Form method="post" noValidate>
        <FormError failure={failure} />
        <Field name="title" label={t("sharing.ingest.feedTitle")} failure={failure} required maxLength={100} />
        <Field name="url" type="url" label={t("sharing.ingest.url")} failure={failure} required inputMode="url" />
        <SelectField
          name="defaultTlp"
          label={t("sharing.post.tlp")}
          failure={failure}
          defaultValue="CLEAR"
          options={tlpLevels.map((l) => ({ value: l, label: `TLP:${l}` }))}
        />
        <div className="actions">
          <SubmitButton name="intent" value="subscribe">
            {t("sharing.ingest.subscribe")}
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
