import { z } from "zod";
import { japanDay } from "../../i18n/dates.ts";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { reportFormats } from "../reports/export-annual-report.ts";
import { fiscalYearSchema } from "../reports/fiscal-year-input.ts";
import { renderReportDocx } from "../reports/render-docx.ts";
import { renderReportPdf } from "../reports/render-pdf.ts";
import { parseInput } from "../shared/validation.ts";
import { buildProgrammeReport } from "./build-programme-report.ts";
import { compareProgrammeQuestionnaires } from "./compare-programme-questionnaires.ts";
import type { ProgrammeDeps } from "./deps.ts";
import { getProgrammeKpis } from "./get-programme-kpis.ts";
import { recordProgrammeAuditEvent } from "./record-programme-audit-event.ts";

const input = z.object({ fiscalYear: fiscalYearSchema, format: z.enum(["docx", "pdf"]) });

/**
 * The programme summary report as DOCX or PDF, rendered by the annual report's renderers; each
 * export recorded in the programme's audit log (`programme.report.export`).
 */
export async function exportProgrammeReport(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  raw: unknown,
  locale: Locale,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const { fiscalYear, format } = parseInput(input, raw);
  const { programme, table } = await getProgrammeKpis(deps, actor, slug, { fiscalYear }, locale);
  const { questions } = await compareProgrammeQuestionnaires(deps, actor, slug, { fiscalYear }, locale);
  const t = createTranslate(locale);
  const report = buildProgrammeReport(programme, table, questions, t, japanDay(deps.clock.now()), locale);
  const body = format === "docx" ? await renderReportDocx(report, t) : await renderReportPdf(report, t);
  await recordProgrammeAuditEvent(deps.root, deps.clock, actor, programme.id, "programme.report.export", {
    fiscalYear,
    format,
    communities: programme.communities.map((c) => c.slug),
    bytes: body.length,
  });
  return {
    body,
    contentType: reportFormats[format],
    fileName: `programme-${programme.slug}-FY${fiscalYear}.${format}`,
  };
}
