/**
 * The report as a file to hand out: DOCX or PDF, secretariat only, each export audited as
 * `report.export` (who took which year's report, in which format).
 */
import { z } from "zod";
import { createTranslate } from "../../i18n/index.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { assembleAnnualReport } from "./assemble-annual-report.ts";
import type { ReportsDeps } from "./deps.ts";
import { fiscalYearSchema } from "./fiscal-year-input.ts";
import { renderReportDocx } from "./render-docx.ts";
import { renderReportPdf } from "./render-pdf.ts";

export const reportFormats = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
} as const;
export type ReportFormat = keyof typeof reportFormats;

const schema = z.object({ fiscalYear: fiscalYearSchema, format: z.enum(["docx", "pdf"]) });

export async function exportAnnualReport(
  deps: ReportsDeps,
  actor: Actor,
  input: unknown,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  requireSecretariat(actor);
  const { fiscalYear, format } = parseInput(schema, input);
  const t = createTranslate("ja");
  const report = await assembleAnnualReport(deps, actor, { fiscalYear });
  const body = format === "docx" ? await renderReportDocx(report, t) : await renderReportPdf(report, t);
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "report.export",
    entityType: "report",
    entityId: String(fiscalYear),
    after: { format, bytes: body.length },
  });
  return { body, contentType: reportFormats[format], fileName: `annual-report-FY${fiscalYear}.${format}` };
}
