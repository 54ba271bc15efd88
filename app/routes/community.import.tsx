import { data, Link } from "react-router";
import { confirmImport } from "#core/community/confirm-import.ts";
import { columnHeader, organisationColumnsSpec, personColumnsSpec } from "#core/community/import-columns.ts";
import { previewImport, type ImportPreview } from "#core/community/preview-import.ts";
import type { Route } from "./+types/community.import";
import { columnList, ImportPage, rowErrorText } from "../components/community/import-page.tsx";
import { failureOf, SelectField } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { requireSecretariatPage } from "../lib/http.server.ts";
import { receivePreviewOrWrite } from "../lib/upload.server.ts";
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
  return receivePreviewOrWrite(state, request, {
    intent: "confirm",
    write: async (token) => {
      const result = await confirmImport(depsOf(state), actor, token);
      return data<Outcome>({ ok: true, created: result.created });
    },
    preview: async (form, bytes) => {
      const preview = await previewImport(depsOf(state), actor, { kind: form.get("kind"), bytes });
      // A file with bad rows is answered 422, so the refusal is visible to clients too.
      return data<Outcome>({ ok: true, preview }, { status: preview.invalid > 0 ? 422 : 200 });
    },
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
  const columnOf = (field: string) =>
    columnHeader(
      spec.find((c) => c.key === field || (field === "organisationId" && c.key === "organisation"))?.key ?? field,
      locale,
    );
  return (
    <ImportPage
      id="import-title"
      title={t("community.import.title")}
      failure={failure}
      done={outcome && "created" in outcome ? t("community.import.done", { count: outcome.created }) : undefined}
      expired={t("community.import.expired")}
      preview={
        preview && {
          title: t("community.import.previewTitle"),
          summary: t("community.import.summary", {
            total: preview.rows.length,
            valid: preview.valid,
            invalid: preview.invalid,
            duplicates: preview.duplicates,
          }),
          table: (
            <>
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
                    <td className="wrap error-text">{rowErrorText(locale, r.errors, columnOf)}</td>
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
            </>
          ),
          write:
            preview.invalid > 0
              ? { blocked: t("community.import.fixFirst"), tone: "error" }
              : {
                  intent: "confirm",
                  token: preview.token,
                  label: t("community.import.confirm", { count: preview.valid }),
                },
        }
      }
      upload={{
        title: t("community.import.preview"),
        lead: t("community.import.lead"),
        fileLabel: t("community.import.file"),
        fields: (
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
        ),
      }}
    >
      <h2>{t("community.import.template")}</h2>
      <p>
        {t("community.organisations")}:{" "}
        {columnList(
          locale,
          organisationColumnsSpec.map((c) => c.key),
        )}
      </p>
      <p>
        {t("community.people")}:{" "}
        {columnList(
          locale,
          personColumnsSpec.map((c) => c.key),
        )}
      </p>
      <p>
        <Link to="/community/organisations">{t("community.organisations")}</Link>
      </p>
      <p>
        <Link to="/community/posture-import">{t("community.postureImport.link")}</Link>
      </p>
    </ImportPage>
  );
}
