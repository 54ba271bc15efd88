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

/** A labelled input whose error and hint are tied to it for assistive technology. */
export function Field({ name, label, hint, failure, required, defaultValue, ...input }: FieldProps) {
  const id = useId();
  const error = failure?.fields[name];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>
        {label}
        {required && (
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
      <input
        id={id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        defaultValue={failure?.values[name] ?? defaultValue}
        {...input}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
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
  const id = useId();
  const error = failure?.fields[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        required={required}
        defaultValue={failure?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled file input with its error (the form that holds it needs `encType="multipart/form-data"`). */
export function FileField({
  name,
  label,
  accept,
  failure,
}: {
  name: string;
  label: string;
  accept: string;
  failure?: FormFailure | undefined;
}) {
  const id = useId();
  const error = failure?.fields[name];
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" name={name} accept={accept} aria-describedby={error ? `${id}-error` : undefined} />
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
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
