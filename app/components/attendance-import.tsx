import type { AttendanceCommitResult } from "#core/events/commit-attendance-import.ts";
import type { AttendancePreview, AttendancePreviewRow } from "#core/events/preview-attendance-import.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";
import { Field, Form, Notice, SelectField, SubmitButton } from "./form.tsx";

export type AttendanceActionData =
  | { intent: "attendance-preview"; preview: AttendancePreview }
  | { intent: "attendance-commit"; result: AttendanceCommitResult }
  | { intent: string }
  | undefined;

type T = ReturnType<typeof useT>;

function minutesOf(row: { seconds: number | null }): string {
  return row.seconds === null ? "—" : String(Math.floor(row.seconds / 60));
}

/** The select of one row: its match (or candidates), by hand any registration, a walk-in, or nothing. */
function DecisionSelect({
  row,
  index,
  preview,
  failure,
  t,
}: {
  row: AttendancePreviewRow;
  index: number;
  preview: AttendancePreview;
  failure: FormFailure | undefined;
  t: T;
}) {
  const label = (r: AttendancePreview["registrations"][number]) =>
    [r.name, r.organisationName, r.email, r.walkIn ? t("events.attendance.walkInLabel") : null]
      .filter(Boolean)
      .join(" · ");
  const byId = new Map(preview.registrations.map((r) => [r.id, r]));
  const first = row.registrationId ? [row.registrationId] : row.candidates;
  const options = [
    ...first.filter((id) => byId.has(id)).map((id) => ({ value: `r:${id}`, label: label(byId.get(id)!) })),
    { value: "skip", label: t("events.attendance.skip") },
    { value: "walk-in", label: t("events.attendance.walkIn") },
    ...(row.outcome === "matched"
      ? []
      : preview.registrations
          .filter((r) => !first.includes(r.id))
          .map((r) => ({ value: `r:${r.id}`, label: label(r) }))),
  ];
  return (
    <SelectField
      name={`rows.${index}.decision`}
      label={t("events.attendance.decisionFor", { name: row.name || row.email })}
      options={options}
      defaultValue={row.outcome === "ambiguous" ? `r:${row.candidates[0]}` : row.decision}
      failure={failure}
    />
  );
}

function PreviewForm({ preview, failure, t }: { preview: AttendancePreview; failure: FormFailure | undefined; t: T }) {
  const report = preview.rows.map(({ name, email, seconds, joins, guest }) => ({ name, email, seconds, joins, guest }));
  return (
    <Form method="post" className="attendance-preview">
      <input type="hidden" name="intent" value="attendance-commit" />
      <input type="hidden" name="minimumMinutes" value={preview.minimumMinutes} />
      <input type="hidden" name="report" value={JSON.stringify(report)} />
      <p>
        {t("events.attendance.previewSummary", {
          format: t(`events.attendance.format.${preview.format}`),
          matched: preview.counts.matched,
          ambiguous: preview.counts.ambiguous,
          unmatched: preview.counts.unmatched,
          short: preview.counts.short,
          minimum: preview.minimumMinutes,
        })}
      </p>
      {/* One block per row rather than a table: on a phone the select stays beside its person. */}
      <h3>{t("events.attendance.previewTitle")}</h3>
      <ol className="plain-list attendance-rows">
        {preview.rows.map((row, i) => (
          <li key={i} className={`attendance-row attendance-row--${row.outcome}`}>
            <p className="attendance-row__who">
              <strong>{row.name || row.email}</strong>
              {row.email && row.name && <span className="muted"> {row.email}</span>}
              {row.guest && <span className="muted"> ({t("events.attendance.guest")})</span>}
            </p>
            <p className="attendance-row__what">
              {t("events.attendance.minutes")}: {minutesOf(row)}
              {row.joins > 1 && ` (${t("events.attendance.joins", { count: row.joins })})`}
              {" · "}
              {t(`events.attendance.outcome.${row.outcome}`)}
              {row.by && ` (${t(`events.attendance.by.${row.by}`)})`}
              {!row.longEnough && ` · ${t("events.attendance.short")}`}
              {row.alreadyMarked && ` · ${t("events.attendance.alreadyMarked")}`}
            </p>
            <DecisionSelect row={row} index={i} preview={preview} failure={failure} t={t} />
          </li>
        ))}
      </ol>
      <div className="actions">
        <SubmitButton className="button">{t("events.attendance.commit")}</SubmitButton>
      </div>
    </Form>
  );
}

/**
 * The online attendance import on the figures page: step 1 uploads the report and shows the
 * preview (nothing written), step 2 posts the decisions back. Plain forms: no script needed.
 */
export function AttendanceImport({ data, failure }: { data: AttendanceActionData; failure: FormFailure | undefined }) {
  const t = useT();
  const preview = data && "preview" in data ? data.preview : null;
  const result = data && "result" in data ? data.result : null;
  return (
    <section aria-labelledby="attendance-import-title">
      <h2 id="attendance-import-title">{t("events.figures.importTitle")}</h2>
      {/* A refused commit comes back without its preview: the rows it was about are named here. */}
      {failure && Object.keys(failure.fields).some((f) => f.startsWith("rows.")) && (
        <Notice tone="error">
          <ul>
            {Object.entries(failure.fields)
              .filter(([field]) => field.startsWith("rows."))
              .map(([field, message]) => (
                <li key={field}>
                  {t("events.attendance.rowNumber", { row: Number(field.split(".")[1]) + 1 })}: {message}
                </li>
              ))}
          </ul>
        </Notice>
      )}
      {result && (
        <Notice tone="success">
          <p>{t("events.attendance.committed", { ...result })}</p>
        </Notice>
      )}
      {preview ? (
        <PreviewForm preview={preview} failure={failure} t={t} />
      ) : (
        <Form method="post" encType="multipart/form-data" className="form-grid">
          <input type="hidden" name="intent" value="attendance-preview" />
          <Field
            name="file"
            type="file"
            accept=".csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values"
            label={t("events.figures.importFile")}
            hint={t("events.attendance.fileHint")}
            failure={failure}
            required
          />
          <SelectField
            name="format"
            label={t("events.attendance.formatLabel")}
            options={[
              { value: "", label: t("events.attendance.format.auto") },
              { value: "zoom", label: t("events.attendance.format.zoom") },
              { value: "teams", label: t("events.attendance.format.teams") },
              { value: "webex", label: t("events.attendance.format.webex") },
            ]}
            failure={failure}
          />
          <Field
            name="minimumMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            defaultValue="0"
            label={t("events.attendance.minimumMinutes")}
            hint={t("events.attendance.minimumHint")}
            failure={failure}
          />
          <div className="actions">
            <SubmitButton className="button button--secondary">{t("events.attendance.preview")}</SubmitButton>
          </div>
        </Form>
      )}
    </section>
  );
}
