import { Form, Link, useHref } from "react-router";
import type { Route } from "./+types/materials.$id._index";
import { getMaterialOverview } from "#core/sharing/get-material-overview.ts";
import { requestMaterialConsent } from "#core/sharing/request-material-consent.ts";
import { formatDateTime, formatEraDate } from "#i18n/dates.ts";
import { failureOf, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { sharingDepsFrom } from "#core/sharing/deps.ts";
import { SharedBy } from "../components/shared-by.tsx";
import { sharedOf } from "./posts.web.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [{ title: `${loaderData?.material.title ?? ""} · Chiiki` }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  return orRespond(state, request, () =>
    getMaterialOverview(state.services.database.db, state.actor, params.id, sharedOf(state)),
  );
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  const form = await request.formData();
  return runForm(state, form, async () => {
    await requestMaterialConsent(sharingDepsFrom(state.services), state.actor, params.id);
    return { ok: true as const };
  });
}

export default function MaterialPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { material, secretariat, history, downloads } = loaderData;
  const src = useHref(`/materials/${material.id}/file`);
  return (
    <article className="page" aria-labelledby="material-title">
      <h1 id="material-title">{material.title}</h1>
      <p className="muted">
        {t(`sharing.materials.kind.${material.kind}`)} · {material.speakerName} <SharedBy origin={material.sharedBy} />
      </p>
      {material.kind === "video" ? (
        <>
          {/* biome-ignore lint/a11y/useMediaCaption: uploaded recordings carry no caption track (yet) */}
          <video
            className="material-video"
            src={src}
            controls
            preload="metadata"
            controlsList="nodownload"
            aria-label={material.title}
          />
          <p className="muted">{t("sharing.materials.videoNote")}</p>
        </>
      ) : (
        // Documents are seen as stamped page images; the file itself only where download is allowed.
        <p>
          <Link className="button" to={`/materials/${material.id}/pages`}>
            {t("sharing.materials.viewPages")}
          </Link>
        </p>
      )}
      <p>
        {material.canDownload && material.kind !== "video" ? (
          <a className="button button--secondary" href={src} download>
            {t("sharing.materials.download")}
          </a>
        ) : (
          <span>{t("sharing.materials.viewOnly")}</span>
        )}
      </p>
      {material.kind !== "video" && <p className="muted">{t("sharing.attachments.logged")}</p>}
      {secretariat && (
        <section aria-labelledby="material-consent">
          <h2 id="material-consent">{t("sharing.materials.consent")}</h2>
          <p>{t(`sharing.materials.consentState.${material.consentState}`)}</p>
          {actionData && "ok" in actionData && actionData.ok && (
            <Notice tone="success">
              <p>{t("sharing.materials.consentRequested")}</p>
            </Notice>
          )}
          <FormError failure={failureOf(actionData)} />
          <Form method="post">
            <SubmitButton className="button button--secondary">{t("sharing.materials.requestConsent")}</SubmitButton>
          </Form>
          <p>
            <Link className="button button--secondary" to={`/materials/${material.id}/shares`}>
              {t("sharing.shared.title")}
            </Link>
          </p>
          {history.length > 0 && (
            <>
              <h3>{t("sharing.materials.history")}</h3>
              <ul className="plain-list">
                {history.map((h) => (
                  <li key={h.id}>
                    <time dateTime={h.decided_at}>{formatDateTime(h.decided_at, locale)}</time> —{" "}
                    {t(`sharing.scope.${h.scope as "organisers" | "attendees" | "group" | "members" | "public"}`)}
                    {" · "}
                    {h.download_allowed ? t("sharing.materials.download") : t("sharing.materials.viewOnly")}
                    {h.withdrawn_at && (
                      <> · {t("sharing.materials.withdrawnAt", { at: formatEraDate(h.withdrawn_at) })}</>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>{t("sharing.downloads.title")}</h3>
          {downloads.length === 0 ? (
            <p>{t("sharing.downloads.none")}</p>
          ) : (
            <ul className="plain-list download-log">
              {downloads.map((d) => (
                <li key={d.id}>
                  <time dateTime={d.at}>{formatDateTime(d.at, locale)}</time> {d.who}{" "}
                  {d.organisation ? `（${d.organisation}）` : ""} —{" "}
                  {t(`sharing.downloads.mode.${d.mode as "view" | "download"}`)}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      <p>
        <Link to="/materials">{t("sharing.materials.back")}</Link>
      </p>
    </article>
  );
}
