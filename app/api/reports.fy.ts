import { z } from "zod";
import { reportsDepsFrom } from "#core/reports/deps.ts";
import { assembleAnnualReport } from "#core/reports/assemble-annual-report.ts";
import { annualReportSchema } from "#core/reports/report-schema.ts";
import { reportEditsBody, saveReportEdits } from "#core/reports/save-report-edits.ts";
import { defineEndpoint, serve } from "./endpoint.ts";

const getReport = defineEndpoint({
  method: "GET",
  path: "/api/v1/reports/{fy}",
  summary:
    "The fiscal year's annual report (事業実施報告書, in Japanese) as a document tree, assembled from the data with the secretariat's edits; charts are data (percent of each question's base)",
  tags: ["reports"],
  access: "secretariat",
  responses: {
    200: { description: "The report", schema: annualReportSchema },
    422: { description: "Not a fiscal year" },
  },
});
const patchEdits = defineEndpoint({
  method: "PATCH",
  path: "/api/v1/reports/{fy}",
  summary:
    "Edit narrative blocks (and cover fields) by block id; an empty text, or the current default, returns a block to the generated text",
  tags: ["reports"],
  access: "secretariat",
  body: reportEditsBody,
  responses: {
    200: { description: "The blocks that changed", schema: z.object({ changed: z.array(z.string()) }) },
    422: { description: "Unknown block or bad value" },
  },
});

export const endpoints = [
  serve(getReport, ({ actor, state, params }) =>
    assembleAnnualReport(reportsDepsFrom(state.services), actor, { fiscalYear: params.fy }),
  ),
  serve(patchEdits, ({ actor, state, params, body }) =>
    saveReportEdits(reportsDepsFrom(state.services), actor, { fiscalYear: params.fy, edits: body.edits }),
  ),
];
