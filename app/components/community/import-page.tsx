/**
 * The page of a registry import in two steps (people and organisations, security posture): the
 * upload is previewed with nothing stored, and the preview's own form writes it. Both imports show
 * the same things in the same places; each page passes its words, its table and what it lists.
 */
import { columnHeader } from "#core/community/import-columns.ts";
import type { FieldIssue } from "#core/shared/errors.ts";
import { type Locale, translateDynamic } from "#i18n/index.ts";
import type { FormFailure } from "../../lib/http.server.ts";
import { FileField, Form, FormError, Notice, SubmitButton } from "../form.tsx";
import { TableWrap } from "../table-wrap.tsx";
import { CommunityTabs } from "./ui.tsx";

export interface ImportPreviewSection {
  title: string;
  summary: string;
  /** The preview table's head and body rows (one row a line of the file). */
  table: React.ReactNode;
  /** Said under the table, before the write button (rows that will be left out). */
  note?: string | undefined;
  /** The write button, or what stops it (the file has errors, or nothing to write). */
  write: { intent: string; token: string; label: string } | { blocked: string; tone: "info" | "error" };
}

export function ImportPage({
  id,
  title,
  failure,
  done,
  expired,
  preview,
  upload,
  children,
}: {
  id: string;
  title: string;
  failure: FormFailure | undefined;
  /** The success notice after the write. */
  done: string | undefined;
  /** Shown when the preview's token is refused (conflict): the file is to be uploaded again. */
  expired: string;
  preview: ImportPreviewSection | undefined;
  /** The upload form: its heading (also the button), lead, file label, and any field before the file. */
  upload: { title: string; lead: string; fileLabel: string; fields?: React.ReactNode };
  /** What follows the form: the columns a file may have, links to the other import. */
  children: React.ReactNode;
}) {
  const expiredToken = failure?.code === "conflict";
  return (
    <section className="page" aria-labelledby={id}>
      <CommunityTabs secretariat />
      <h1 id={id}>{title}</h1>
      {done && (
        <Notice tone="success">
          <p>{done}</p>
        </Notice>
      )}
      {expiredToken && (
        <Notice tone="error">
          <p>{expired}</p>
        </Notice>
      )}
      {preview && (
        <>
          <h2>{preview.title}</h2>
          <p>{preview.summary}</p>
          <TableWrap label={preview.title}>
            <table className="data-table">{preview.table}</table>
          </TableWrap>
          {preview.note && <p>{preview.note}</p>}
          {"intent" in preview.write ? (
            <Form method="post">
              <input type="hidden" name="intent" value={preview.write.intent} />
              <input type="hidden" name="token" value={preview.write.token} />
              <div className="actions">
                <SubmitButton>{preview.write.label}</SubmitButton>
              </div>
            </Form>
          ) : (
            <Notice tone={preview.write.tone}>
              <p>{preview.write.blocked}</p>
            </Notice>
          )}
        </>
      )}
      <h2>{upload.title}</h2>
      <p className="lead">{upload.lead}</p>
      {!expiredToken && <FormError failure={failure} />}
      <Form method="post" encType="multipart/form-data">
        {upload.fields}
        <FileField name="file" label={upload.fileLabel} accept=".csv,.xlsx,text/csv" failure={failure} />
        <div className="actions">
          <SubmitButton className="button button--secondary">{upload.title}</SubmitButton>
        </div>
      </Form>
      {children}
    </section>
  );
}

/** A preview row's errors in one cell: each as "<column>: <what is wrong>", in the page's language. */
export function rowErrorText(
  locale: Locale,
  errors: readonly FieldIssue[],
  columnOf: (field: string) => string,
): string {
  return errors
    .map((e) => `${columnOf(e.field)}: ${translateDynamic(locale, `field.${e.code}`, "field.invalid", e.params)}`)
    .join(" / ");
}

/** The columns a file may have (their keys), by the headers the template uses, in the page's language. */
export function columnList(locale: Locale, keys: readonly string[]): string {
  return keys.map((key) => columnHeader(key, locale)).join(locale === "ja" ? "、" : ", ");
}
