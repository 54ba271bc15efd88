import type { z } from "zod";
import { AppError, type FieldIssue } from "./errors.ts";

/**
 * Parses input with a zod schema; failure becomes one `validation-failed` AppError whose field
 * issues carry catalog codes (zod's own English text never reaches a user).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError("validation-failed", { fields: zodIssuesToFields(result.error.issues) });
}

export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
  return issues.map((issue): FieldIssue => {
    const field = issue.path.map(String).join(".") || "_";
    // A schema may name its own catalog code with `{ message: "field.xyz" }`.
    if (issue.message?.startsWith("field.")) return { field, code: issue.message.slice(6) };
    switch (issue.code) {
      case "too_small":
        if (issue.origin === "string" && issue.minimum === 1) return { field, code: "required" };
        // A number's bound is a value ("0以上の数"), a text's a length ("3文字以上"), a list's a count.
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return { field, code: "number-too-small", params: { min: Number(issue.minimum) } };
        }
        if (issue.origin === "array" || issue.origin === "set") return { field, code: "too-few", params: { min: Number(issue.minimum) } };
        return { field, code: "too-short", params: { min: Number(issue.minimum) } };
      case "too_big":
        if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint") {
          return { field, code: "number-too-big", params: { max: Number(issue.maximum) } };
        }
        if (issue.origin === "array" || issue.origin === "set") return { field, code: "too-many", params: { max: Number(issue.maximum) } };
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
