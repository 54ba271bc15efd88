/**
 * The programme summary report (DOCX/PDF): the annual report's document tree (report-model.ts),
 * filled from the programme's key figures and the questionnaire comparison instead of one
 * community's records, so the annual report's renderers print it unchanged. It shows only what the
 * programme page shows: hidden figures stay hidden (＊), and a chart leaves hidden communities out
 * (its caption says so) rather than drawing them as zero.
 */
import { formatFiscalYear } from "../../i18n/dates.ts";
import type { Locale, Translate } from "../../i18n/index.ts";
import { eraDay } from "../reports/build-report.ts";
import { type AnnualReport, type Block, type ChartSpec, type ReportSection, section } from "../reports/report-model.ts";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import type { QuestionComparison } from "./compare-questionnaires.ts";
import { HIDDEN_MARK } from "./export-kpi-sheet.ts";
import type { ProgrammeView } from "./find-programme.ts";
import { type KpiRow, type KpiTable, kpiColumns } from "./kpis.ts";

const column = (key: string) => kpiColumns.find((c) => c.key === key)!;

function cell(row: KpiRow, key: string): string {
  if (row.hidden.includes(key)) return HIDDEN_MARK;
  const value = row.values[key];
  if (value === null || value === undefined) return "—";
  return column(key).format === "count" ? value.toLocaleString("ja-JP") : String(value);
}

function kpiTable(table: KpiTable, keys: string[], t: Translate, caption?: string): Block {
  return {
    kind: "table",
    ...(caption ? { caption } : {}),
    header: [t("programme.sheet.community"), ...keys.map((k) => column(k).label(t))],
    rows: [...table.rows, table.total].map((r) => [r.communityName, ...keys.map((k) => cell(r, k))]),
    keyColumn: true,
  };
}

/** A bar per community of a percent figure; hidden or undefined ones left out, as the caption says. */
function kpiChart(table: KpiTable, key: string, t: Translate): Block[] {
  const shown = table.rows.filter((r) => !r.hidden.includes(key) && r.values[key] !== null);
  if (shown.length === 0) return [];
  const left = table.rows.length - shown.length;
  const chart: ChartSpec = {
    kind: "bar",
    categories: shown.map((r) => r.communityName),
    percents: shown.map((r) => r.values[key] ?? null),
    counts: shown.map(() => 0),
    base: 0,
  };
  const label = column(key).label(t);
  return [
    {
      kind: "chart",
      id: `programme.${key}`,
      caption: left ? t("programme.report.chartCaptionLeftOut", { label, left }) : label,
      chart,
    },
  ];
}

function comparisonBlocks(q: QuestionComparison, programme: ProgrammeView, t: Translate): Block[] {
  const names = new Map(programme.communities.map((c) => [c.id, c.name]));
  const askedBy = q.askedBy.map((id) => names.get(id) ?? id).join("、");
  const notAsked = programme.communities.filter((c) => !q.askedBy.includes(c.id)).map((c) => c.name);
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: notAsked.length
        ? t("programme.report.askedByOnly", { askedBy, notAsked: notAsked.join("、") })
        : t("programme.report.askedByAll"),
    },
  ];
  const tab = q.byCommunity;
  if (!tab) return blocks;
  const choices = tab.groups[0]?.result.choices ?? [];
  if (q.kind === "grid" || choices.length === 0) {
    blocks.push({ kind: "paragraph", text: t("programme.report.gridOnPage") });
    return blocks;
  }
  blocks.push({
    kind: "table",
    caption: t("programme.report.comparisonCaption", { min: MIN_CELL }),
    header: [t("programme.sheet.community"), t("programme.report.base"), ...choices.map((c) => c.label)],
    rows: tab.groups.map((g) => [
      g.label,
      g.result.base === null ? HIDDEN_MARK : String(g.result.base),
      ...g.result.choices.map((c) => (c.count === null ? HIDDEN_MARK : `${c.percent ?? "—"}%（${c.count}）`)),
    ]),
    keyColumn: true,
  });
  return blocks;
}

export function buildProgrammeReport(
  programme: ProgrammeView,
  table: KpiTable,
  questions: readonly QuestionComparison[],
  t: Translate,
  issuedOn: string,
  locale: Locale,
): AnnualReport {
  const year = table.fiscalYear;
  const yearLabel = formatFiscalYear(year, locale);
  const compared = questions.filter((q) => q.byCommunity !== null);
  const sections: ReportSection[] = [
    section("p1", "1", t("programme.report.s1"), 1, [
      {
        kind: "paragraph",
        text: t("programme.report.intro", {
          programme: programme.name,
          year: yearLabel,
          n: programme.communities.length,
        }),
      },
      kpiTable(table, ["seminars", "registered", "attended", "members", "respondents"], t),
    ]),
    section("p2", "2", t("programme.report.s2"), 1, [
      kpiTable(
        table,
        ["seminars", "registeredVenue", "registeredOnline", "attendedVenue", "attendedOnline", "attendanceRate"],
        t,
      ),
      ...kpiChart(table, "attendanceRate", t),
      kpiTable(
        table,
        kpiColumns.filter((c) => c.group === "attendance").map((c) => c.key),
        t,
        t("programme.report.bySector"),
      ),
    ]),
    section("p3", "3", t("programme.report.s3"), 1, [
      kpiTable(
        table,
        kpiColumns.filter((c) => c.group === "members" && !c.key.startsWith("members.size")).map((c) => c.key),
        t,
      ),
      kpiTable(
        table,
        kpiColumns.filter((c) => c.key.startsWith("members.size")).map((c) => c.key),
        t,
        t("programme.report.bySize"),
      ),
    ]),
    section(
      "p4",
      "4",
      t("programme.report.s4"),
      1,
      [kpiTable(table, ["respondents", "responseRate"], t), ...kpiChart(table, "responseRate", t)],
      compared.map((q, i) =>
        section(`p4.${i + 1}`, `4.${i + 1}`, `${q.number} ${q.title}`, 2, comparisonBlocks(q, programme, t)),
      ),
    ),
    section("p5", "5", t("programme.report.s5"), 1, [
      kpiTable(
        table,
        kpiColumns.filter((c) => c.group === "posture" || c.group === "selfCheck").map((c) => c.key),
        t,
      ),
      ...kpiChart(table, "securityAction", t),
      ...kpiChart(table, "scs", t),
    ]),
    section("p6", "6", t("programme.report.s6"), 1, [
      { kind: "paragraph", text: t("programme.sheet.hiddenNote", { min: MIN_CELL }) },
      {
        kind: "list",
        items: [...new Set(kpiColumns.map((c) => c.group))].map((g) => t(`programme.sheet.note.${g}`)),
      },
    ]),
  ];
  return {
    fiscalYear: year,
    fiscalYearLabel: yearLabel,
    cover: {
      title: t("programme.report.title", { year: yearLabel, programme: programme.name }),
      organisation: programme.name,
      issuedOn,
      issuedOnText: eraDay(issuedOn),
      defaults: { "cover.title": "", "cover.organisation": programme.name, "cover.issuedOn": issuedOn },
    },
    sections,
  };
}
