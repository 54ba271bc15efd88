import { data, Link } from "react-router";
import { commitPostureImport } from "#core/community/commit-posture-import.ts";
import { columnHeader } from "#core/community/import-columns.ts";
import { postureImportColumns } from "#core/community/posture-import-columns.ts";
import { previewPostureImport, type PostureImportPreview } from "#core/community/preview-posture-import.ts";
import type { MessageKey } from "#i18n/index.ts";
import type { Route } from "./+types/community.posture-import";
import { columnList, ImportPage, rowErrorText } from "../components/community/import-page.tsx";
import { failureOf } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { receivePreviewOrWrite } from "../lib/upload.server.ts";
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
  return receivePreviewOrWrite(state, request, {
    intent: "commit",
    write: async (token) =>
      data<Outcome>({ ok: true, committed: await commitPostureImport(depsOf(state), actor, token) }),
    preview: async (_form, bytes) =>
      data<Outcome>({ ok: true, preview: await previewPostureImport(depsOf(state), actor, { bytes }) }),
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
    <ImportPage
      id="posture-import-title"
      title={t("community.postureImport.title")}
      failure={failure}
      done={outcome && "committed" in outcome ? t("community.postureImport.done", outcome.committed) : undefined}
      expired={t("community.postureImport.expired")}
      preview={
        preview && {
          title: t("community.postureImport.previewTitle"),
          summary: t("community.postureImport.summary", {
            total: preview.rows.length,
            accepted: preview.accepted,
            records: preview.records,
            unchanged: preview.unchanged,
            refused: preview.refused,
          }),
          table: (
            <>
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
                      {rowErrorText(locale, r.errors, (field) => columnHeader(field, locale))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </>
          ),
          note: preview.refused > 0 ? t("community.postureImport.refusedNote") : undefined,
          write:
            preview.records > 0
              ? {
                  intent: "commit",
                  token: preview.token,
                  label: t("community.postureImport.commit", { count: preview.records }),
                }
              : { blocked: t("community.postureImport.nothingToWrite"), tone: "info" },
        }
      }
      upload={{
        title: t("community.postureImport.preview"),
        lead: t("community.postureImport.lead"),
        fileLabel: t("community.postureImport.file"),
      }}
    >
      <h2>{t("community.postureImport.columns")}</h2>
      <p>{columnList(locale, postureImportColumns)}</p>
      <p>{t("community.postureImport.values")}</p>
      <p>
        <Link to="/community/import">{t("community.import.title")}</Link>
      </p>
    </ImportPage>
  );
}
