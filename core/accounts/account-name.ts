import { z } from "zod";

/**
 * Control characters (C0/C1, CR/LF, tab), format characters (bidi overrides and isolates,
 * zero-width joiners…) and line/paragraph separators: none belongs in a person's name, and each
 * can forge a line in a log, a mail header or a PDF stamp, or reorder what a reader sees.
 */
const NOT_IN_A_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export const ACCOUNT_NAME_MAX_LENGTH = 100;

/** Whether a name (already trimmed) is one we store: 1–100 characters, none of the above. */
export function isAcceptableAccountName(name: string): boolean {
  return name.length > 0 && name.length <= ACCOUNT_NAME_MAX_LENGTH && !NOT_IN_A_NAME.test(name);
}

/** The name of an account, wherever one is given (invitation, first run, CLI). */
export const accountNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(ACCOUNT_NAME_MAX_LENGTH)
  .refine((name) => !NOT_IN_A_NAME.test(name), { message: "field.control-characters" });
