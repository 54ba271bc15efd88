/** The report tree (report-model.ts) as a zod schema, for the API's OpenAPI description. */
import { z } from "zod";

const percents = z.array(z.number().nullable());

const chart = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("bar"),
    categories: z.array(z.string()),
    percents,
    counts: z.array(z.number().int()),
    base: z.number().int(),
  }),
  z.object({
    kind: z.literal("stacked-100"),
    columns: z.array(z.string()),
    rows: z.array(z.object({ label: z.string(), base: z.number().int(), percents })),
  }),
]);

const block = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("paragraph"), text: z.string() }),
    z.object({ kind: z.literal("list"), items: z.array(z.string()) }),
    z.object({ kind: z.literal("labelled"), label: z.string(), text: z.string() }),
    z.object({
      kind: z.literal("table"),
      caption: z.string().optional(),
      header: z.array(z.string()),
      rows: z.array(z.array(z.string())),
      keyColumn: z.boolean().optional(),
    }),
    z.object({ kind: z.literal("chart"), id: z.string(), caption: z.string(), chart }),
    z.object({
      kind: z.literal("narrative"),
      id: z.string(),
      label: z.string(),
      text: z.string(),
      defaultText: z.string(),
      edited: z.boolean(),
      hints: z.array(z.string()).optional(),
    }),
    z.object({ kind: z.literal("missing"), text: z.string() }),
  ])
  .meta({ id: "ReportBlock" });

interface SectionShape {
  id: string;
  number: string;
  title: string;
  level: 1 | 2 | 3;
  blocks: z.infer<typeof block>[];
  sections: SectionShape[];
}
const reportSection: z.ZodType<SectionShape> = z
  .lazy(() =>
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
      blocks: z.array(block),
      sections: z.array(reportSection),
    }),
  )
  .meta({ id: "ReportSection" });

export const annualReportSchema = z
  .object({
    fiscalYear: z.number().int(),
    fiscalYearLabel: z.string(),
    cover: z.object({
      title: z.string(),
      organisation: z.string(),
      issuedOn: z.string(),
      issuedOnText: z.string(),
      defaults: z.object({ "cover.title": z.string(), "cover.organisation": z.string(), "cover.issuedOn": z.string() }),
    }),
    sections: z.array(reportSection),
  })
  .meta({ id: "AnnualReport" });
