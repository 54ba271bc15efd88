import { useId } from "react";
import { Form, useNavigation } from "react-router";
import type { FormFailure } from "../lib/http.server.ts";

/** A form's failure as the action returned it (or nothing). */
export type ActionResult = FormFailure | { ok: true; [key: string]: unknown } | undefined;

export function failureOf(result: unknown): FormFailure | undefined {
  return result && typeof result === "object" && (result as FormFailure).ok === false
    ? (result as FormFailure)
    : undefined;
}

/** The summary at the top of a form that failed; focused by screen readers through role=alert. */
export function FormError({ failure }: { failure: FormFailure | undefined }) {
  if (!failure) return null;
  return (
    <div className="notice notice--error" role="alert">
      <p>{failure.message}</p>
    </div>
  );
}

export function Notice({
  children,
  tone = "info",
}: {
  children: React.ReactNode;
  tone?: "info" | "success" | "error";
}) {
  return (
    <div className={`notice notice--${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

interface FieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, "name"> {
  name: string;
  label: string;
  hint?: string;
  failure?: FormFailure | undefined;
  required?: boolean;
}

/**
 * The frame of one form control: its label (with the required mark when `marked`), its hint and
 * its error, tied to the control by ids (`id`, `describedBy`) for assistive technology.
 */
export function FieldFrame({
  label,
  hint,
  error,
  marked,
  children,
}: {
  label: string;
  hint?: string;
  error?: string;
  marked?: boolean;
  children: (control: { id: string; describedBy: string | undefined }) => React.ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {marked && (
          <span className="field__required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      {children({ id, describedBy })}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled input whose error and hint are tied to it for assistive technology. */
export function Field({ name, label, hint, failure, required, defaultValue, ...input }: FieldProps) {
  const error = failure?.fields[name];
  return (
    <FieldFrame label={label} hint={hint} error={error} marked={required}>
      {({ id, describedBy }) => (
        <input
          id={id}
          name={name}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={failure?.values[name] ?? defaultValue}
          {...input}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled text area, as `Field` is for an input. */
export function TextArea({
  name,
  label,
  hint,
  failure,
  defaultValue,
  rows = 4,
  required,
}: {
  name: string;
  label: string;
  hint?: string;
  failure?: FormFailure | undefined;
  defaultValue?: string | null;
  rows?: number;
  required?: boolean;
}) {
  const error = failure?.fields[name];
  return (
    <FieldFrame label={label} hint={hint} error={error} marked={required}>
      {({ id, describedBy }) => (
        <textarea
          id={id}
          name={name}
          rows={rows}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          defaultValue={failure?.values[name] ?? defaultValue ?? ""}
        />
      )}
    </FieldFrame>
  );
}

export function SelectField({
  name,
  label,
  options,
  failure,
  defaultValue,
  required,
  groups = [],
  hint,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  failure?: FormFailure | undefined;
  defaultValue?: string;
  required?: boolean;
  /** Options under headings (<optgroup>), after the plain ones. */
  groups?: { label: string; options: { value: string; label: string }[] }[];
  hint?: string;
}) {
  const error = failure?.fields[name];
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <select
          id={id}
          name={name}
          required={required}
          defaultValue={failure?.values[name] ?? defaultValue}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          <Options options={options} />
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              <Options options={g.options} />
            </optgroup>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

/** A multiple choice list (organisations, people) that works without JavaScript. */
export function MultiSelect({
  name,
  errorKey,
  label,
  hint,
  options,
  selected,
  failure,
}: {
  name: string;
  errorKey: string;
  label: string;
  hint?: string;
  options: { value: string; label: string }[];
  selected: string[];
  failure?: FormFailure | undefined;
}) {
  const error = failure?.fields[errorKey];
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <select
          id={id}
          name={name}
          multiple
          size={Math.min(8, Math.max(3, options.length))}
          defaultValue={selected}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        >
          <Options options={options} />
        </select>
      )}
    </FieldFrame>
  );
}

function Options({ options }: { options: { value: string; label: string }[] }) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

/** A labelled file input with its error (the form that holds it needs `encType="multipart/form-data"`). */
export function FileField({
  name,
  label,
  hint,
  accept,
  failure,
}: {
  name: string;
  label: string;
  hint?: string;
  accept: string;
  failure?: FormFailure | undefined;
}) {
  const error = failure?.fields[name];
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy }) => (
        <input id={id} type="file" name={name} accept={accept} aria-describedby={describedBy} />
      )}
    </FieldFrame>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  className,
}: {
  children: React.ReactNode;
  name?: string;
  value?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <button type="submit" name={name} value={value} className={className ?? "button"} aria-disabled={busy || undefined}>
      {children}
    </button>
  );
}

export { Form };
