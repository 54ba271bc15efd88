import { data, Link } from "react-router";
import { confirmImport } from "#core/community/confirm-import.ts";
import { columnHeader, organisationColumnsSpec, personColumnsSpec } from "#core/community/import-columns.ts";
import { previewImport, type ImportPreview } from "#core/community/preview-import.ts";
import { AppError } from "#core/shared/errors.ts";
import { translateDynamic } from "#i18n/index.ts";
import type { Route } from "./+types/community.import";
import { failureOf, FileField, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { TableWrap } from "../components/table-wrap.tsx";
import { CommunityTabs } from "../components/community/ui.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { receiveImportForm } from "../lib/upload.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { depsOf } from "./community.forms.server.ts";

export const meta: Route.MetaFunction = () => [{ title: "団体・人の取り込み · Chiiki" }];

export function loader({ context, request }: Route.LoaderArgs) {
  requireSecretariatPage(stateOf(context), request);
  return null;
}

type Outcome = { ok: true; preview: ImportPreview } | { ok: true; created: number };

export async function action({ context, request }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  // The file is counted as it arrives: one over the import limit comes back as this page, the limit named.
  return receiveImportForm(state, request, async (form, file) => {
    if (form.get("intent") === "confirm") {
      const result = await confirmImport(depsOf(state), actor, String(form.get("token") ?? ""));
      return data<Outcome>({ ok: true, created: result.created });
    }
    if (!file || file.bytes.length === 0)
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
    const preview = await previewImport(depsOf(state), actor, { kind: form.get("kind"), bytes: file.bytes });
    // A file with bad rows is answered 422, so the refusal is visible to clients too.
    return data<Outcome>({ ok: true, preview }, { status: preview.invalid > 0 ? 422 : 200 });
  });
}

export default function Import({ actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const outcome = actionData && !failure ? (actionData as Outcome) : undefined;
  const preview = outcome && "preview" in outcome ? outcome.preview : undefined;
  const spec = preview?.kind === "people" ? personColumnsSpec : organisationColumnsSpec;
  // The row's name comes first, so a phone shows which row is wrong without scrolling sideways.
  const keyColumn = spec.find((c) => c.key === (preview?.kind === "people" ? "familyName" : "name"))!;
  const otherColumns = spec.filter((c) => c !== keyColumn).slice(0, 4);
  return (
    <section className="page" aria-labelledby="import-title">
      <CommunityTabs secretariat />
      <h1 id="import-title">{t("community.import.title")}</h1>
      {outcome && "created" in outcome && (
        <Notice tone="success">
          <p>{t("community.import.done", { count: outcome.created })}</p>
        </Notice>
      )}
      {failure?.code === "conflict" && (
        <Notice tone="error">
          <p>{t("community.import.expired")}</p>
        </Notice>
      )}
      {preview && (
        <>
          <h2>{t("community.import.previewTitle")}</h2>
          <p>
            {t("community.import.summary", {
              total: preview.rows.length,
              valid: preview.valid,
              invalid: preview.invalid,
              duplicates: preview.duplicates,
            })}
          </p>
          <TableWrap label={t("community.import.previewTitle")}>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("community.import.row")}</th>
                  <th scope="col">{columnHeader(keyColumn.key, locale)}</th>
                  <th scope="col">{t("community.import.errors")}</th>
                  <th scope="col">{t("community.import.duplicate")}</th>
                  {otherColumns.map((c) => (
                    <th scope="col" key={c.key}>
                      {columnHeader(c.key, locale)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "row-error" : undefined}>
                    <th scope="row">{r.line}</th>
                    <td className="wrap">{r.values[keyColumn.key]}</td>
                    <td className="wrap error-text">
                      {r.errors
                        .map(
                          (e) =>
                            `${columnHeader(spec.find((c) => c.key === e.field || (e.field === "organisationId" && c.key === "organisation"))?.key ?? e.field, locale)}: ${translateDynamic(locale, `field.${e.code}`, "field.invalid", e.params)}`,
                        )
                        .join(" / ")}
                    </td>
                    <td className="wrap">
                      {r.duplicate?.existing
                        ? t("community.import.duplicateOf", { name: r.duplicate.existing })
                        : r.duplicate?.line
                          ? t("community.import.duplicateInFile", { row: r.duplicate.line })
                          : ""}
                    </td>
                    {otherColumns.map((c) => (
                      <td key={c.key} className="wrap">
                        {r.values[c.key]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {preview.invalid > 0 ? (
            <Notice tone="error">
              <p>{t("community.import.fixFirst")}</p>
            </Notice>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="confirm" />
              <input type="hidden" name="token" value={preview.token} />
              <div className="actions">
                <SubmitButton>{t("community.import.confirm", { count: preview.valid })}</SubmitButton>
              </div>
            </Form>
          )}
        </>
      )}
      <h2>{t("community.import.preview")}</h2>
      <p className="lead">{t("community.import.lead")}</p>
      {failure?.code !== "conflict" && <FormError failure={failure} />}
      <Form method="post" encType="multipart/form-data">
        <SelectField
          name="kind"
          label={t("community.import.kind")}
          failure={failure}
          defaultValue={preview?.kind ?? "organisations"}
          options={[
            { value: "organisations", label: t("community.organisations") },
            { value: "people", label: t("community.people") },
          ]}
        />
        <FileField name="file" label={t("community.import.file")} accept=".csv,.xlsx,text/csv" failure={failure} />
        <div className="actions">
          <SubmitButton className="button button--secondary">{t("community.import.preview")}</SubmitButton>
        </div>
      </Form>
      <h2>{t("community.import.template")}</h2>
      <p>
        {t("community.organisations")}:{" "}
        {organisationColumnsSpec.map((c) => columnHeader(c.key, locale)).join(locale === "ja" ? "、" : ", ")}
      </p>
      <p>
        {t("community.people")}:{" "}
        {personColumnsSpec.map((c) => columnHeader(c.key, locale)).join(locale === "ja" ? "、" : ", ")}
      </p>
      <p>
        <Link to="/community/organisations">{t("community.organisations")}</Link>
      </p>
      <p>
        <Link to="/community/posture-import">{t("community.postureImport.link")}</Link>
      </p>
    </section>
  );
}
