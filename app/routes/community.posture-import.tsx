import { data, Link } from "react-router";
import { commitPostureImport } from "#core/community/commit-posture-import.ts";
import { columnHeader } from "#core/community/import-columns.ts";
import { postureImportColumns } from "#core/community/posture-import-columns.ts";
import { previewPostureImport, type PostureImportPreview } from "#core/community/preview-posture-import.ts";
import { AppError } from "#core/shared/errors.ts";
import { type MessageKey, translateDynamic } from "#i18n/index.ts";
import type { Route } from "./+types/community.posture-import";
import { CommunityTabs } from "../components/community/ui.tsx";
import { failureOf, FileField, Form, FormError, Notice, SubmitButton } from "../components/form.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { receiveImportForm } from "../lib/upload.server.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "セキュリティ対策状況の取り込み · Chiiki" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requireSecretariatPage(stateOf(context), request);
  return null;
}

type Outcome =
  | { ok: true; preview: PostureImportPreview }
  | { ok: true; committed: { organisations: number; records: number } };

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  // The file is counted as it arrives: one over the import limit comes back as this page, the limit named.
  return receiveImportForm(state, request, async (form, file) => {
    if (form.get("intent") === "commit") {
      const done = await commitPostureImport(depsOf(state), actor, String(form.get("token") ?? ""));
      return data<Outcome>({ ok: true, committed: done });
    }
    if (!file || file.bytes.length === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    return data<Outcome>({
      ok: true,
      preview: await previewPostureImport(depsOf(state), actor, { bytes: file.bytes }),
    });
  });
}

export default function PostureImport({ actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const outcome = actionData && !failure ? (actionData as Outcome) : undefined;
  const preview = outcome && "preview" in outcome ? outcome.preview : undefined;
  const level = (code: string) => t(`community.posture.level.${code}` as MessageKey);
  const kind = (code: string) => t(`community.posture.kind.${code}` as MessageKey);
  return (
    <section className="page" aria-labelledby="posture-import-title">
      <CommunityTabs secretariat />
      <h1 id="posture-import-title">{t("community.postureImport.title")}</h1>
      {outcome && "committed" in outcome && (
        <Notice tone="success">
          <p>{t("community.postureImport.done", outcome.committed)}</p>
        </Notice>
      )}
      {failure?.code === "conflict" && (
        <Notice tone="error">
          <p>{t("community.postureImport.expired")}</p>
        </Notice>
      )}
      {preview && (
        <>
          <h2>{t("community.postureImport.previewTitle")}</h2>
          <p>
            {t("community.postureImport.summary", {
              total: preview.rows.length,
              accepted: preview.accepted,
              records: preview.records,
              unchanged: preview.unchanged,
              refused: preview.refused,
            })}
          </p>
          <TableWrap label={t("community.postureImport.previewTitle")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("community.postureImport.row")}</th>
                  <th scope="col">{t("community.postureImport.organisation")}</th>
                  <th scope="col">{t("community.postureImport.records")}</th>
                  <th scope="col">{t("community.postureImport.reasons")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "row-error" : undefined}>
                    <th scope="row">{r.line}</th>
                    <td className="wrap">
                      {r.organisation
                        ? `${r.organisation.name}（${t(r.organisation.by === "name" ? "community.postureImport.byName" : "community.postureImport.byNumber")}）`
                        : (r.values.name ?? r.values.corporateNumber ?? "")}
                    </td>
                    <td className="wrap">
                      {r.records
                        .map(
                          (x) =>
                            `${kind(x.kind)}: ${level(x.level)}${x.reference ? ` ${x.reference}` : ""}${x.since ? ` ${x.since}` : ""}${x.validUntil ? ` 〜${x.validUntil}` : ""}${x.unchanged ? `（${t("community.postureImport.unchanged")}）` : ""}`,
                        )
                        .join(" / ")}
                    </td>
                    <td className="wrap error-text">
                      {r.errors
                        .map(
                          (e) =>
                            `${columnHeader(e.field, locale)}: ${translateDynamic(locale, `field.${e.code}`, "field.invalid", e.params)}`,
                        )
                        .join(" / ")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {preview.refused > 0 && <p>{t("community.postureImport.refusedNote")}</p>}
          {preview.records > 0 ? (
            <Form method="post">
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="token" value={preview.token} />
              <div className="actions">
                <SubmitButton>{t("community.postureImport.commit", { count: preview.records })}</SubmitButton>
              </div>
            </Form>
          ) : (
            <Notice>
              <p>{t("community.postureImport.nothingToWrite")}</p>
            </Notice>
          )}
        </>
      )}
      <h2>{t("community.postureImport.preview")}</h2>
      <p className="lead">{t("community.postureImport.lead")}</p>
      {failure?.code !== "conflict" && <FormError failure={failure} />}
      <Form method="post" encType="multipart/form-data">
        <FileField
          name="file"
          label={t("community.postureImport.file")}
          accept=".csv,.xlsx,text/csv"
          failure={failure}
        />
        <div className="actions">
          <SubmitButton className="button button--secondary">{t("community.postureImport.preview")}</SubmitButton>
        </div>
      </Form>
      <h2>{t("community.postureImport.columns")}</h2>
      <p>{postureImportColumns.map((c) => columnHeader(c, locale)).join(locale === "ja" ? "、" : ", ")}</p>
      <p>{t("community.postureImport.values")}</p>
      <p>
        <Link to="/community/import">{t("community.import.title")}</Link>
      </p>
    </section>
  );
}
