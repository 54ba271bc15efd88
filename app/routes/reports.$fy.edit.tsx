import { useId } from "react";
import { Link, redirect } from "react-router";
import type { Route } from "./+types/reports.$fy.edit";
import { reportsDepsFrom } from "#core/reports/deps.ts";
import { assembleAnnualReport } from "#core/reports/assemble-annual-report.ts";
import { narrativeBlocks } from "#core/reports/report-model.ts";
import { saveReportEdits } from "#core/reports/save-report-edits.ts";
import type { FormFailure } from "../lib/http.server.ts";
import { failureOf, Field, Form, FormError, SubmitButton } from "../components/form.tsx";
import { stateOf } from "../context.ts";
import { orRespond, requireSecretariatPage, runForm } from "../lib/http.server.ts";
import { useT } from "../lib/i18n.ts";

export const meta: Route.MetaFunction = () => [{ title: "報告書の文章を編集 · Chiiki" }];

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const report = await orRespond(state, request, () =>
    assembleAnnualReport(reportsDepsFrom(state.services), actor, { fiscalYear: params.fy }),
  );
  return {
    fiscalYear: report.fiscalYear,
    fiscalYearLabel: report.fiscalYearLabel,
    cover: report.cover,
    blocks: narrativeBlocks(report),
  };
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const state = stateOf(context);
  const actor = requireSecretariatPage(state, request);
  const form = await request.formData();
  const edits = Object.fromEntries(
    [...form].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  return runForm(state, form, async () => {
    await saveReportEdits(reportsDepsFrom(state.services), actor, { fiscalYear: params.fy, edits });
    throw redirect(`/reports/${params.fy}?saved=1`);
  });
}

function TextArea({
  name,
  label,
  defaultValue,
  failure,
  hint,
  rows,
}: {
  name: string;
  label: string;
  defaultValue: string;
  failure?: FormFailure;
  hint?: React.ReactNode;
  rows: number;
}) {
  const id = useId();
  const error = failure?.fields[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint}
      <textarea
        id={id}
        name={name}
        rows={rows}
        defaultValue={failure?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

export default function EditReport({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const failure = failureOf(actionData);
  const { fiscalYear, fiscalYearLabel, cover, blocks } = loaderData;
  return (
    <section className="page" aria-labelledby="report-edit-title">
      <h1 id="report-edit-title">{t("reports.editTitle", { fiscalYear: fiscalYearLabel })}</h1>
      <p className="lead">{t("reports.editLead")}</p>
      <FormError failure={failure} />
      {/* The report is a Japanese document, whatever the interface language. */}
      <Form method="post" lang="ja">
        <TextArea
          name="cover.title"
          label={t("reports.cover.titleLabel")}
          defaultValue={cover.title}
          failure={failure}
          rows={3}
        />
        <Field
          name="cover.organisation"
          label={t("reports.cover.organisationLabel")}
          defaultValue={cover.organisation}
          failure={failure}
        />
        <Field
          name="cover.issuedOn"
          label={t("reports.cover.issuedOnLabel")}
          defaultValue={cover.issuedOn}
          failure={failure}
          inputMode="numeric"
        />
        {blocks.map((block) => (
          <TextArea
            key={block.id}
            name={block.id}
            label={block.label}
            defaultValue={block.text}
            failure={failure}
            rows={Math.min(16, Math.max(3, Math.ceil(block.text.length / 40) + block.text.split("\n").length))}
            hint={
              <>
                {block.edited && <span className="badge">{t("reports.edited")}</span>}
                {block.hints && block.hints.length > 0 && (
                  <div className="report-hints">
                    <p className="field__hint">{t("reports.hints")}</p>
                    <ul>
                      {block.hints.map((h, i) => (
                        <li key={i}>{h}</li>
                      ))}
                    </ul>
                  </div>
                )}
                {block.edited && (
                  <details className="report-default">
                    <summary>{t("reports.defaultText")}</summary>
                    <p>{block.defaultText}</p>
                  </details>
                )}
              </>
            }
          />
        ))}
        <div className="actions">
          <SubmitButton>{t("reports.save")}</SubmitButton>
          <Link to={`/reports/${fiscalYear}`}>{t("reports.backToReport")}</Link>
        </div>
      </Form>
    </section>
  );
}
