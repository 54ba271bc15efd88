import { z } from "zod";

/** A fiscal year (年度) as its Western start year: FY2020 = 令和2年度 = 2020-04 … 2021-03. */
export const fiscalYearSchema = z.coerce
  .number({ message: "field.reports-fiscal-year" })
  .int({ message: "field.reports-fiscal-year" })
  .min(2000, { message: "field.reports-fiscal-year" })
  .max(2100, { message: "field.reports-fiscal-year" });
