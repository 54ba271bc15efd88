/** The JSON shapes of survey results in the API, for OpenAPI: the same cell in a survey's own results and the canonical ones. */
import { z } from "zod";

/** One counted choice (or matrix column): its count and percent of the base, null where hidden. */
export const resultCellSchema = z.object({
  value: z.string(),
  label: z.string(),
  count: z.number().int().nullable(),
  percent: z.number().nullable(),
  suppressed: z.boolean().optional(),
});
