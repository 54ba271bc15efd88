import { z } from "zod";
import { AppError, type FieldIssue } from "./errors.ts";

/**
 * Parses input with a zod schema; failure becomes one `validation-failed` AppError whose field
 * issues carry catalog codes (zod's own English text never reaches a user).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  // PostgreSQL refuses U+0000 in text (a 500 at the INSERT); no person types it: refuse it here, named.
  const withNul = pathOfNulCharacter(input, []);
  if (withNul)
    throw new AppError("validation-failed", { fields: [{ field: withNul.join(".") || "_", code: "nul-character" }] });
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation-failed", { fields: zodIssuesToFields(result.error.issues) });
}

/** Where in the input a string holds U+0000, if anywhere (bounded depth: input is parsed JSON or a form). */
function pathOfNulCharacter(value: unknown, path: (string | number)[]): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (path.length > 32 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    if (typeof key === "string" && key.includes("\u0000")) return [...path, key];
    const found = pathOfNulCharacter(inner, [...path, key]);
    if (found) return found;
  }
  return null;
}

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue): FieldIssue => {
    const field = issue.path.map(String).join(".") || "_";
    // A schema may name its own catalog code with `{ message: "field.xyz" }`.
    if (issue.message?.startsWith("field.")) {
      // A custom check may add what its message needs (`params`: the unknown names, the valid ones).
      const params = issue.code === "custom" ? (issue.params as FieldIssue["params"]) : undefined;
      return params ? { field, code: issue.message.slice(6), params } : { field, code: issue.message.slice(6) };
    }
    switch (issue.code) {
      case "too_small":
        if (issue.origin === "string" && issue.minimum === 1) return { field, code: "required" };
        // A number's bound is a value ("0以上の数"), a text's a length ("3文字以上"), a list's a count.
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return { field, code: "number-too-small", params: { min: Number(issue.minimum) } };
        }
        if (issue.origin === "array" || issue.origin === "set")
          return { field, code: "too-few", params: { min: Number(issue.minimum) } };
        return { field, code: "too-short", params: { min: Number(issue.minimum) } };
      case "too_big":
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return { field, code: "number-too-big", params: { max: Number(issue.maximum) } };
        }
        if (issue.origin === "array" || issue.origin === "set")
          return { field, code: "too-many", params: { max: Number(issue.maximum) } };
        return { field, code: "too-long", params: { max: Number(issue.maximum) } };
      case "invalid_format":
        return { field, code: issue.format === "email" ? "email" : "format" };
      case "invalid_type":
        return { field, code: issue.input === undefined ? "required" : "type" };
      case "invalid_value":
        return { field, code: "choice" };
      default:
        return { field, code: "invalid" };
    }
  });
}

/** Full-width letters, digits and signs as people type them on a Japanese keyboard, read as ASCII. */
export function normaliseTyped(value: unknown): unknown {
  return typeof value === "string" ? value.normalize("NFKC").trim() : value;
}

/**
 * An e-mail address as typed: full-width characters (ｍ＠ｅｘａｍｐｌｅ．ｊｐ) are read as ASCII,
 * spaces around it dropped, compared in lower case. The one definition every form and the API use.
 */
export function emailAddress() {
  return z.preprocess(normaliseTyped, addressText());
}

/** An address a person has to type (sign-in, links): left empty it is "required", else as {@link emailAddress}. */
export function requiredEmailAddress() {
  return z.preprocess(
    normaliseTyped,
    z.string({ error: "field.required" }).min(1, { message: "field.required" }).pipe(addressText()),
  );
}

function addressText() {
  return z
    .email({ message: "field.email" })
    .max(254)
    .transform((v) => v.toLowerCase());
}

/**
 * A whole number typed by a person or sent as JSON. Full-width digits and thousands separators
 * are read ("１，０００" is 1000); an empty field is "required", never 0 (as `z.coerce.number()`
 * would make it), and text that is no number says so.
 */
export function wholeNumber(bounds: { min?: number; max?: number } = {}) {
  // The schema's own error text reaches every check of it: only the type check gets these two.
  let schema = z
    .number({
      error: (issue) =>
        issue.code !== "invalid_type"
          ? undefined
          : issue.input === undefined || issue.input === ""
            ? "field.required"
            : "field.number",
    })
    .int({ message: "field.whole-number" });
  if (bounds.min !== undefined) schema = schema.min(bounds.min);
  if (bounds.max !== undefined) schema = schema.max(bounds.max);
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const text = value.normalize("NFKC").trim().replace(/,/g, "");
    return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  }, schema);
}
