import { Link } from "react-router";
import type { Route } from "./+types/surveys.$id.import";
import { surveysDepsFrom } from "#core/surveys/deps.ts";
import { findSurvey } from "#core/surveys/find-survey.ts";
import { importTimeZones } from "#core/surveys/form-timestamps.ts";
import { importResponses } from "#core/surveys/import-responses.ts";
import { formatDateTime } from "#i18n/dates.ts";
import { failureOf, FileField, Form, FormError, Notice, SelectField, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { fileLimits } from "#core/files/limits.ts";
import { orRespond, requireSecretariatPage } from "../lib/http.server.ts";
import { receiveImportForm } from "../lib/upload.server.ts";
import { useLocale, useT } from "../lib/i18n.ts";
import { TableWrap } from "../components/table-wrap.tsx";

export const meta: Route.MetaFunction = () => [{ title: "回答の取り込み · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  requireSecretariatPage(state, request);
  return orRespond(state, request, async () => {
    const survey = await findSurvey(state.services.database.db, params.id);
    return { id: survey.id, title: survey.title };
  });
}

/** First the mapping preview (nothing stored); the confirmation sends the same content again. */
export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  // The file is counted as it arrives: one over the import limit comes back as this page, the limit
  // named. The confirmation sends the decoded content back (CP932 grows by half as UTF-8).
  return receiveImportForm(
    state,
    request,
    async (form, file) => {
      const commit = form.get("intent") === "commit";
      const source = file?.bytes.length ? { file: file.bytes } : { content: String(form.get("content") ?? "") };
      const report = await importResponses(surveysDepsFrom(state.services), actor, params.id, {
        ...source,
        commit,
        locale: state.locale,
        // Checked by the core schema: an unknown zone is a 422 on timeZone.
        timeZone: (String(form.get("timeZone") ?? "") || undefined) as (typeof importTimeZones)[number] | undefined,
      });
      return { ok: true as const, report, content: report.content, commit };
    },
    { maxFieldBytes: 2 * fileLimits.fileBytes },
  );
}

export default function ImportResponses({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const failure = failureOf(actionData);
  const done = actionData && "report" in actionData ? actionData : null;
  const report = done?.report;
  return (
    <div className="stack">
      <p>
        <Link to={`/surveys/${loaderData.id}`}>← {loaderData.title}</Link>
      </p>
      <h1>{t("surveys.import.title")}</h1>
      <p className="lead">{t("surveys.import.lead")}</p>
      <FormError failure={failure} />
      {done?.commit && report && (
        <Notice tone="success">
          <p>{t("surveys.import.imported", { imported: report.imported })}</p>
        </Notice>
      )}
      <section className="page">
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <FileField
            name="file"
            label={t("surveys.import.file")}
            accept=".csv,.tsv,.txt,.json,text/csv,application/json"
            failure={failure}
          />
          <SelectField
            name="timeZone"
            label={t("surveys.import.timeZone")}
            failure={failure}
            defaultValue={report?.timeZone ?? importTimeZones[0]}
            options={importTimeZones.map((z) => ({ value: z, label: z }))}
          />
          <p className="field__hint">{t("surveys.import.timeZoneHint")}</p>
          <div className="actions">
            <SubmitButton>{t("surveys.import.preview")}</SubmitButton>
          </div>
        </Form>
      </section>
      {report && !done?.commit && (
        <section className="page" aria-labelledby="import-preview">
          <h2 id="import-preview">{t("surveys.import.previewTitle")}</h2>
          <p>
            {t("surveys.import.summary", { rows: report.rows, valid: report.valid, invalid: report.invalid.length })}
          </p>
          {report.completedRange && (
            <p>
              {t("surveys.import.completedRange", {
                first: formatDateTime(report.completedRange.first, locale),
                last: formatDateTime(report.completedRange.last, locale),
              })}
            </p>
          )}
          {report.mapping.length > 0 && (
            <TableWrap label={t("surveys.table")}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("surveys.import.column")}</th>
                    <th scope="col">{t("surveys.import.question")}</th>
                  </tr>
                </thead>
                <tbody>
                  {report.mapping.map((m) => (
                    <tr key={m.column}>
                      <td>{m.header}</td>
                      <td>
                        {m.timestamp
                          ? t("surveys.import.timestampColumn")
                          : m.question
                            ? `${m.question}${m.row ? ` / ${m.row}` : ""}`
                            : t("surveys.import.ignored")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
          {report.unmatched.length > 0 && (
            <>
              <h3>{t("surveys.import.unmatched")}</h3>
              <ul>
                {report.unmatched.map((u) => (
                  <li key={`${u.question}-${u.value}`}>
                    {u.question}: {u.value}（{u.count}）
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.invalid.length > 0 && (
            <>
              <h3>{t("surveys.import.refused")}</h3>
              <ul>
                {report.invalid.slice(0, 50).map((r) => (
                  <li key={r.row}>
                    {t("surveys.import.row", { row: r.row })}:{" "}
                    {r.errors.map((e) => `${e.question} ${e.message}`).join(" / ")}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.valid > 0 && (
            <Form method="post" encType="multipart/form-data" noValidate>
              <input type="hidden" name="intent" value="commit" />
              <input type="hidden" name="content" value={done?.content ?? ""} />
              <input type="hidden" name="timeZone" value={report.timeZone} />
              <div className="actions">
                <SubmitButton>{t("surveys.import.commit", { valid: report.valid })}</SubmitButton>
              </div>
            </Form>
          )}
        </section>
      )}
    </div>
  );
}
