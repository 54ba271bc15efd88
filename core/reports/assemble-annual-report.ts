/**
 * The fiscal year's report, assembled afresh from the data on every call, with the
 * secretariat's stored edits laid over the generated defaults (docs/annual-report.md). The
 * report is a Japanese document whatever the reader's language: its edits are Japanese text, and
 * an edit is told from a default by comparing the two.
 */
import { createTranslate } from "../../i18n/index.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { parseInput } from "../shared/validation.ts";
import { buildReport } from "./build-report.ts";
import type { ReportsDeps } from "./deps.ts";
import { fiscalYearSchema } from "./fiscal-year-input.ts";
import { loadReportSources } from "./load-report-sources.ts";
import type { AnnualReport } from "./report-model.ts";

export async function assembleAnnualReport(
  deps: ReportsDeps,
  actor: Actor,
  input: { fiscalYear: unknown },
): Promise<AnnualReport> {
  requireSecretariat(actor);
  const fiscalYear = parseInput(fiscalYearSchema, input.fiscalYear);
  const sources = await loadReportSources(deps, actor, fiscalYear);
  return buildReport(sources, createTranslate("ja"));
}
