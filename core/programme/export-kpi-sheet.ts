import { z } from "zod";
import { createTranslate, type Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import type { Cell } from "../files/csv.ts";
import { writeXlsx } from "../files/xlsx.ts";
import { fiscalYearSchema } from "../reports/fiscal-year-input.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import { collectCommunityCounts } from "./collect-community-counts.ts";
import type { ProgrammeDeps } from "./deps.ts";
import { findProgrammeForActor } from "./find-programme.ts";
import { buildKpiTable, type KpiRow, kpiColumns } from "./kpis.ts";
import { recordProgrammeAuditEvent } from "./record-programme-audit-event.ts";

/** At most this many fiscal years in one sheet (a programme's whole history fits easily). */
const MAX_YEARS = 20;

const input = z
  .object({ fromYear: fiscalYearSchema, toYear: fiscalYearSchema.optional() })
  .transform((v) => ({ fromYear: v.fromYear, toYear: v.toYear ?? v.fromYear }))
  .refine((v) => v.toYear >= v.fromYear && v.toYear - v.fromYear < MAX_YEARS, {
    message: "field.programme-year-range",
    path: ["toYear"],
  });

/** What a hidden figure shows in the sheet (explained on the notes sheet). */
export const HIDDEN_MARK = "＊";

export const xlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * The KPI sheet as XLSX: one row per community and fiscal year, then the programme's row for the
 * year; hidden figures as ＊; a second sheet says what each column counts and why cells are hidden.
 * Each export is recorded in the programme's audit log (`programme.kpi-sheet.export`).
 */
export async function exportKpiSheet(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  raw: unknown,
  locale: Locale,
): Promise<{ body: Uint8Array<ArrayBuffer>; contentType: string; fileName: string }> {
  const { fromYear, toYear } = parseInput(input, raw);
  const programme = await findProgrammeForActor(deps, actor, slug, locale);
  const t = createTranslate(locale);
  const header: Cell[] = [
    t("programme.sheet.fiscalYear"),
    t("programme.sheet.community"),
    ...kpiColumns.map((c) => c.label(t)),
  ];
  const line = (year: number, row: KpiRow): Cell[] => [
    year,
    row.communityName,
    ...kpiColumns.map((c) => (row.hidden.includes(c.key) ? HIDDEN_MARK : row.values[c.key])),
  ];
  const rows: Cell[][] = [header];
  for (let year = fromYear; year <= toYear; year++) {
    const counts = await collectCommunityCounts(deps.root, programme.communities, year);
    const table = buildKpiTable(year, counts, t("programme.sheet.total", { name: programme.name }));
    for (const row of table.rows) rows.push(line(year, row));
    rows.push(line(year, table.total));
  }
  if (rows.length === 1) throw new AppError("not-found");
  const notes: Cell[][] = [
    [t("programme.sheet.notesColumn"), t("programme.sheet.notesMeaning")],
    [HIDDEN_MARK, t("programme.sheet.hiddenNote", { min: MIN_CELL })],
    ...kpiColumns.map((c): Cell[] => [c.label(t), t(`programme.sheet.note.${c.group}`)]),
  ];
  const body = await writeXlsx([
    { name: t("programme.sheet.name"), rows, headerRows: 1, columnWidth: 14 },
    { name: t("programme.sheet.notes"), rows: notes, headerRows: 1, columnWidth: 40 },
  ]);
  // What left the server, in the programme's own log: who took which years of which communities.
  await recordProgrammeAuditEvent(deps.root, deps.clock, actor, programme.id, "programme.kpi-sheet.export", {
    fromYear,
    toYear,
    communities: programme.communities.map((c) => c.slug),
    bytes: body.length,
  });
  const years = fromYear === toYear ? `FY${fromYear}` : `FY${fromYear}-${toYear}`;
  return { body, contentType: xlsxContentType, fileName: `kpi-${programme.slug}-${years}.xlsx` };
}
