import { z } from "zod";
import { fileLimits } from "../../files/limits.ts";
import { attendanceFormats } from "./participant.ts";

/** The secretariat's minimum: "attended" means at least this many minutes in the meeting. */
export const minimumMinutesSchema = z.coerce.number().int().min(0).max(1440).default(0);

/** Step 1: the exported report (bytes), its vendor if the secretariat says so, and the minimum. */
export const attendancePreviewSchema = z.object({
  format: z.enum(attendanceFormats).optional(),
  minimumMinutes: minimumMinutesSchema,
});

/**
 * What to do with one participant: `r:<registration id>` marks that registration attended,
 * `walk-in` records a person who attended without registering, `skip` leaves the row out.
 */
export const attendanceDecisionSchema = z.union([
  z.literal("skip"),
  z.literal("walk-in"),
  z.string().regex(/^r:[0-9A-Za-z_-]{1,64}$/),
]);

export const attendanceRowSchema = z.object({
  name: z.string().max(fileLimits.cellChars),
  email: z.string().max(320),
  /** All joins added up; null when the report had no times. */
  seconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .nullable(),
  joins: z.number().int().min(1).max(fileLimits.rows).default(1),
  guest: z.boolean().default(false),
  decision: attendanceDecisionSchema,
});

/** Step 2: the rows of the preview with a decision each (the page posts them back; so may an API client). */
export const attendanceCommitSchema = z.object({
  minimumMinutes: minimumMinutesSchema,
  rows: z.array(attendanceRowSchema).min(1).max(fileLimits.rows),
});

export type AttendanceRowInput = z.input<typeof attendanceRowSchema>;

/**
 * The page's step-2 form as the commit's input: the preview's rows travel back as JSON in one
 * hidden field (`report`, without decisions), each row's decision in its own select
 * (`rows.<i>.decision`), so that a refusal is shown beside the select it is about.
 */
export function commitInputFromForm(form: {
  report: string;
  minimumMinutes: string;
  decision: (index: number) => string | null;
}): z.input<typeof attendanceCommitSchema> {
  let rows: unknown;
  try {
    rows = JSON.parse(form.report);
  } catch {
    rows = null;
  }
  if (!Array.isArray(rows)) return { minimumMinutes: form.minimumMinutes, rows: [] };
  return {
    minimumMinutes: form.minimumMinutes,
    rows: rows.map((row, i) => ({ ...(row as object), decision: form.decision(i) ?? "skip" })) as never,
  };
}
