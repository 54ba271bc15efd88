/**
 * Building blocks of the registry's input schemas. Forms send "" for an empty field and API
 * clients may too; `blanksToNull` turns those into null before parsing, so an empty optional field
 * clears the value instead of storing "".
 */
import { z } from "zod";
import { emailAddress } from "../shared/validation.ts";

export const requiredText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 500) => z.string().trim().max(max).nullable().optional();
export const optionalDate = () => z.iso.date().nullable().optional();
export const optionalEmail = () => emailAddress().nullable().optional();
export const optionalUrl = () =>
  z
    .url({ protocol: /^https?$/ })
    .max(500)
    .nullable()
    .optional();
export const optionalId = () => z.string().min(1).max(40).nullable().optional();

export function blanksToNull<T>(input: T): T {
  if (Array.isArray(input)) return input.map(blanksToNull) as T;
  if (input && typeof input === "object" && !(input instanceof Date)) {
    return Object.fromEntries(
      Object.entries(input).map(([k, v]) => [k, typeof v === "string" && v.trim() === "" ? null : blanksToNull(v)]),
    ) as T;
  }
  return input;
}

/** `q`, `limit` and `offset`, shared by every list. */
export const listQueryFields = {
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export interface Page<T> {
  items: T[];
  total: number;
}
