import { Link, redirect } from "react-router";
import { addAgreementAttachment } from "#core/community/add-agreement-attachment.ts";
import { sectors } from "#core/community/codes.ts";
import { deleteAgreement } from "#core/community/delete-agreement.ts";
import { getAgreement } from "#core/community/get-agreement.ts";
import { AppError } from "#core/shared/errors.ts";
import { formatDate, formatDateTime } from "#i18n/dates.ts";
import type { MessageKey } from "#i18n/index.ts";
import type { Route } from "./+types/community.agreements.$id._index";
import { failureOf, FileField, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { CommunityTabs, DeleteForm, Dl, label } from "../components/community/ui.tsx";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { deleteConfirmed, loadRecordPage, recordPageAction } from "./community.pages.server.ts";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: `${loaderData?.record.title ?? "協定"} · Chiiki` },
];

export const loader = (args: Route.LoaderArgs) => loadRecordPage(args, getAgreement, { guard: requireSecretariatPage });

export const action = (args: Route.ActionArgs) =>
  recordPageAction(
    args,
    async (call) => {
      if (call.form.get("intent") === "upload") {
        const file = call.form.get("file");
        if (!(file instanceof File) || file.size === 0)
          throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
        await addAgreementAttachment(call.deps, call.actor, call.id, {
          fileName: file.name,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
        throw redirect(`/community/agreements/${call.id}?saved=1`);
      }
      return deleteConfirmed(call, deleteAgreement, "/community/agreements");
    },
    requireSecretariatPage,
  );

export default function AgreementPage({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { record: a, saved } = loaderData;
  const failure = failureOf(actionData);
  return (
    <section className="page" aria-labelledby="agreement-title">
      <CommunityTabs secretariat />
      {saved && (
        <Notice tone="success">
          <p>{t("community.saved")}</p>
        </Notice>
      )}
      <h1 id="agreement-title">{a.title}</h1>
      <Dl
        items={[
          [t("community.field.signedOn"), a.signedOn ? formatDate(a.signedOn, locale) : null],
          [t("community.field.status"), label(t, "agreementStatus", a.status)],
          [t("community.field.endedOn"), a.endedOn ? formatDate(a.endedOn, locale) : null],
          [t("community.field.purpose"), a.purpose],
          [t("community.field.notes"), a.notes],
        ]}
      />
      <p>
        <Link className="button button--secondary" to={`/community/agreements/${a.id}/edit`}>
          {t("community.edit")}
        </Link>
      </p>
      <h2>
        {t("community.field.parties")} ({a.parties.length})
      </h2>
      {sectors
        .filter((s) => a.parties.some((p) => p.sector === s))
        .map((sector) => (
          <div key={sector}>
            <h3 className="community-sector-heading">{label(t, "sector", sector)}</h3>
            <ul className="plain-list community-list">
              {a.parties
                .filter((p) => p.sector === sector)
                .map((p) => (
                  <li key={p.organisationId}>
                    <Link to={`/community/organisations/${p.organisationId}`}>{p.organisationName}</Link>
                    {p.signatoryTitle && <span className="muted"> · {p.signatoryTitle}</span>}
                  </li>
                ))}
            </ul>
          </div>
        ))}
      <h2>{t("community.field.attachments")}</h2>
      {a.attachments.length === 0 ? (
        <p>{t("common.empty")}</p>
      ) : (
        <ul className="plain-list community-list">
          {a.attachments.map((f) => (
            <li key={f.id}>
              <Link reloadDocument to={`/api/v1/agreements/${a.id}/attachments/${f.id}`}>
                {f.fileName}
              </Link>{" "}
              <span className="muted">
                ({Math.ceil(f.sizeBytes / 1024)} KB · {formatDateTime(f.uploadedAt, locale)})
              </span>
            </li>
          ))}
        </ul>
      )}
      <FormError failure={failure} />
      <Form method="post" encType="multipart/form-data">
        <input type="hidden" name="intent" value="upload" />
        <FileField
          name="file"
          label={t("community.field.file")}
          accept=".pdf,.png,.jpg,.jpeg,.docx"
          failure={failure}
        />
        <div className="actions">
          <SubmitButton className="button button--secondary">{t("community.field.upload")}</SubmitButton>
        </div>
      </Form>
      <h2>{t("community.field.history")}</h2>
      <ul className="plain-list community-list">
        {a.history.map((h, i) => (
          <li key={i}>
            {formatDateTime(h.at, locale)} · {t(`community.history.${h.change}` as MessageKey)} ·{" "}
            <span className="muted">{h.actorLabel}</span>
            {h.change === "updated" && h.details ? (
              <span className="muted"> — {Object.keys(h.details as Record<string, unknown>).join(", ")}</span>
            ) : null}
          </li>
        ))}
      </ul>
      <h2>{t("community.delete")}</h2>
      <DeleteForm failure={failure} />
    </section>
  );
}
