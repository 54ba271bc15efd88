/**
 * The programme office's key figures: one row per community and fiscal year, the same kinds of
 * figure every community reports to its bureau (seminars held, registered versus attended, members
 * by 産学官 and size, survey respondents and response rate, the posture of member SMEs, 自社診断
 * scores). The columns are defined once, here: the page, the XLSX sheet and the summary report
 * read this list.
 *
 * Which figures are protected (docs/programme.md §Suppression): a figure counted from survey
 * respondents, from member SMEs' posture or from 自社診断 scores is hidden for a community whose
 * count is under MIN_CELL; and because the programme total is shown, enough further communities
 * are hidden with it (pooledGroups) that no hidden figure is a total minus the shown ones.
 * Counts of seminars, registrations and member organisations are what each community publishes in
 * its annual report; they are shown as they are.
 */
import type { Translate } from "../../i18n/index.ts";
import { sectors, sizeBands } from "../community/codes.ts";
import { MIN_CELL, pooledGroups } from "../surveys/protect-breakdown.ts";

/** The counts the use case gathers per community (before any figure is hidden). */
export interface CommunityCounts {
  communityId: string;
  communityName: string;
  seminars: number;
  registeredVenue: number;
  registeredOnline: number;
  attendedVenue: number;
  attendedOnline: number;
  /** attended (venue or online) by the organisation's 区分（産学官）; unknown organisations under "other" */
  attendedBySector: Record<string, number>;
  members: number;
  /**
   * The distinct 法人番号 of the member organisations, and how many members have none: the
   * programme's sum counts a company that is a member of two communities once (members.distinct).
   */
  memberCorporateNumbers: readonly string[];
  membersWithoutCorporateNumber: number;
  membersBySector: Record<string, number>;
  /** by size band; organisations without one under "unknown" */
  membersBySize: Record<string, number>;
  /** valid complete responses to the fiscal year's surveys */
  respondents: number;
  /** invitations sent and answered, over the same surveys */
  invited: number;
  invitedAnswered: number;
  /** member organisations with up to 300 employees (the posture rates' denominator) */
  memberSmes: number;
  securityActionOneStar: number;
  securityActionTwoStar: number;
  scsStar3: number;
  scsStar4: number;
  otasuketai: number;
  cyberInsurance: number;
  /** people of member organisations holding 登録セキスペ */
  riss: number;
  /** organisations with a 自社診断 score, and the sum of their latest scores */
  selfCheckScored: number;
  selfCheckScoreSum: number;
}

/** What hides a column's figure: the count it is computed from. */
export type Protection = "respondents" | "memberSmes" | "selfCheckScored";

export interface KpiColumn {
  key: string;
  group: "seminars" | "attendance" | "members" | "survey" | "posture" | "selfCheck";
  /** the column heading, in the reader's language */
  label(t: Translate): string;
  format: "count" | "percent" | "score";
  protectedBy?: Protection;
  /** the figure of a row of counts (a community's, or the programme's sums) */
  value(c: CommunityCounts): number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

const sizeKeys = [...sizeBands, "unknown"] as const;

export const kpiColumns: readonly KpiColumn[] = [
  {
    key: "seminars",
    group: "seminars",
    label: (t) => t("programme.kpi.seminars"),
    format: "count",
    value: (c) => c.seminars,
  },
  {
    key: "registered",
    group: "seminars",
    label: (t) => t("programme.kpi.registered"),
    format: "count",
    value: (c) => c.registeredVenue + c.registeredOnline,
  },
  {
    key: "registeredVenue",
    group: "seminars",
    label: (t) => t("programme.kpi.registeredVenue"),
    format: "count",
    value: (c) => c.registeredVenue,
  },
  {
    key: "registeredOnline",
    group: "seminars",
    label: (t) => t("programme.kpi.registeredOnline"),
    format: "count",
    value: (c) => c.registeredOnline,
  },
  {
    key: "attended",
    group: "seminars",
    label: (t) => t("programme.kpi.attended"),
    format: "count",
    value: (c) => c.attendedVenue + c.attendedOnline,
  },
  {
    key: "attendedVenue",
    group: "seminars",
    label: (t) => t("programme.kpi.attendedVenue"),
    format: "count",
    value: (c) => c.attendedVenue,
  },
  {
    key: "attendedOnline",
    group: "seminars",
    label: (t) => t("programme.kpi.attendedOnline"),
    format: "count",
    value: (c) => c.attendedOnline,
  },
  {
    key: "attendanceRate",
    group: "seminars",
    label: (t) => t("programme.kpi.attendanceRate"),
    format: "percent",
    value: (c) => percent(c.attendedVenue + c.attendedOnline, c.registeredVenue + c.registeredOnline),
  },
  ...sectors.map(
    (s): KpiColumn => ({
      key: `attended.${s}`,
      group: "attendance",
      label: (t) => t("programme.kpi.attendedIn", { what: t(`community.sector.${s}`) }),
      format: "count",
      value: (c) => c.attendedBySector[s] ?? 0,
    }),
  ),
  {
    key: "members",
    group: "members",
    label: (t) => t("programme.kpi.members"),
    format: "count",
    value: (c) => c.members,
  },
  {
    // In a community's row the same as its members (unless two of its records share a number); in
    // the programme's, a company that is a member in several communities is one.
    key: "members.distinct",
    group: "members",
    label: (t) => t("programme.kpi.membersDistinct"),
    format: "count",
    value: (c) => c.membersWithoutCorporateNumber + c.memberCorporateNumbers.length,
  },
  ...sectors.map(
    (s): KpiColumn => ({
      key: `members.${s}`,
      group: "members",
      label: (t) => t("programme.kpi.membersIn", { what: t(`community.sector.${s}`) }),
      format: "count",
      value: (c) => c.membersBySector[s] ?? 0,
    }),
  ),
  ...sizeKeys.map(
    (band): KpiColumn => ({
      key: `members.size.${band}`,
      group: "members",
      label: (t) =>
        band === "unknown"
          ? t("programme.kpi.membersSizeUnknown")
          : t("programme.kpi.membersIn", { what: t(`community.size.${band}`) }),
      format: "count",
      value: (c) => c.membersBySize[band] ?? 0,
    }),
  ),
  {
    key: "riss",
    group: "members",
    label: (t) => t("programme.kpi.riss"),
    format: "count",
    value: (c) => c.riss,
  },
  {
    key: "respondents",
    group: "survey",
    label: (t) => t("programme.kpi.respondents"),
    format: "count",
    protectedBy: "respondents",
    value: (c) => c.respondents,
  },
  {
    key: "responseRate",
    group: "survey",
    label: (t) => t("programme.kpi.responseRate"),
    format: "percent",
    protectedBy: "respondents",
    value: (c) => percent(c.invitedAnswered, c.invited),
  },
  {
    key: "memberSmes",
    group: "posture",
    label: (t) => t("programme.kpi.memberSmes"),
    format: "count",
    value: (c) => c.memberSmes,
  },
  {
    key: "securityAction",
    group: "posture",
    label: (t) => t("programme.kpi.securityAction"),
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.securityActionOneStar + c.securityActionTwoStar, c.memberSmes),
  },
  {
    key: "securityActionTwoStar",
    group: "posture",
    label: (t) => t("programme.kpi.securityActionTwoStar"),
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.securityActionTwoStar, c.memberSmes),
  },
  {
    key: "scs",
    group: "posture",
    label: (t) => t("programme.kpi.scs"),
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.scsStar3 + c.scsStar4, c.memberSmes),
  },
  {
    key: "otasuketai",
    group: "posture",
    label: (t) => t("programme.kpi.otasuketai"),
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.otasuketai, c.memberSmes),
  },
  {
    key: "cyberInsurance",
    group: "posture",
    label: (t) => t("programme.kpi.cyberInsurance"),
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.cyberInsurance, c.memberSmes),
  },
  {
    key: "selfCheckScored",
    group: "selfCheck",
    label: (t) => t("programme.kpi.selfCheckScored"),
    format: "count",
    protectedBy: "selfCheckScored",
    value: (c) => c.selfCheckScored,
  },
  {
    key: "selfCheckAverage",
    group: "selfCheck",
    label: (t) => t("programme.kpi.selfCheckAverage"),
    format: "score",
    protectedBy: "selfCheckScored",
    value: (c) => (c.selfCheckScored === 0 ? null : Math.round((10 * c.selfCheckScoreSum) / c.selfCheckScored) / 10),
  },
];

const protectionSize: Record<Protection, (c: CommunityCounts) => number> = {
  respondents: (c) => c.respondents,
  memberSmes: (c) => c.memberSmes,
  selfCheckScored: (c) => c.selfCheckScored,
};

export interface KpiRow {
  communityId: string | null;
  communityName: string;
  /** column key → figure; null where hidden or undefined (a rate over nothing) */
  values: Record<string, number | null>;
  /** the column keys hidden for privacy (never a figure of fewer than MIN_CELL) */
  hidden: string[];
}

export interface KpiTable {
  fiscalYear: number;
  columns: readonly KpiColumn[];
  rows: KpiRow[];
  /** the programme's figures: sums of every community's counts (shown, as the bureau reports them) */
  total: KpiRow;
}

function sumCounts(rows: readonly CommunityCounts[], name: string): CommunityCounts {
  const sumOf = (pick: (c: CommunityCounts) => number) => rows.reduce((s, r) => s + pick(r), 0);
  const sumRecord = (pick: (c: CommunityCounts) => Record<string, number>) => {
    const out: Record<string, number> = {};
    for (const r of rows) for (const [k, v] of Object.entries(pick(r))) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const numeric = (key: keyof CommunityCounts) => sumOf((c) => c[key] as number);
  return {
    communityId: "",
    communityName: name,
    seminars: numeric("seminars"),
    registeredVenue: numeric("registeredVenue"),
    registeredOnline: numeric("registeredOnline"),
    attendedVenue: numeric("attendedVenue"),
    attendedOnline: numeric("attendedOnline"),
    attendedBySector: sumRecord((c) => c.attendedBySector),
    members: numeric("members"),
    memberCorporateNumbers: [...new Set(rows.flatMap((r) => r.memberCorporateNumbers))],
    membersWithoutCorporateNumber: numeric("membersWithoutCorporateNumber"),
    membersBySector: sumRecord((c) => c.membersBySector),
    membersBySize: sumRecord((c) => c.membersBySize),
    respondents: numeric("respondents"),
    invited: numeric("invited"),
    invitedAnswered: numeric("invitedAnswered"),
    memberSmes: numeric("memberSmes"),
    securityActionOneStar: numeric("securityActionOneStar"),
    securityActionTwoStar: numeric("securityActionTwoStar"),
    scsStar3: numeric("scsStar3"),
    scsStar4: numeric("scsStar4"),
    otasuketai: numeric("otasuketai"),
    cyberInsurance: numeric("cyberInsurance"),
    riss: numeric("riss"),
    selfCheckScored: numeric("selfCheckScored"),
    selfCheckScoreSum: numeric("selfCheckScoreSum"),
  };
}

/**
 * The table the programme office sees. For each protection, the communities under MIN_CELL are
 * hidden together with as many of the smallest others as it takes for the hidden ones to be two
 * or more and MIN_CELL or more together (pooledGroups): the programme total minus the shown rows
 * is then a sum of several communities, never one community's figure. The total itself is hidden
 * where it is under MIN_CELL.
 */
export function buildKpiTable(fiscalYear: number, counts: readonly CommunityCounts[], totalName: string): KpiTable {
  const ids = counts.map((c) => c.communityId);
  const byId = new Map(counts.map((c) => [c.communityId, c]));
  const hiddenBy = new Map<Protection, Set<string>>(
    (Object.keys(protectionSize) as Protection[]).map((p) => [
      p,
      // A community with none (no survey, no member SME) shows its 0: it tells nothing of anyone.
      new Set(
        [...pooledGroups(ids, [], (id) => protectionSize[p](byId.get(id)!))].filter(
          (id) => protectionSize[p](byId.get(id)!) > 0,
        ),
      ),
    ]),
  );
  const rowOf = (c: CommunityCounts, hiddenFor: (p: Protection) => boolean): KpiRow => {
    const values: Record<string, number | null> = {};
    const hidden: string[] = [];
    for (const column of kpiColumns) {
      if (column.protectedBy && hiddenFor(column.protectedBy)) {
        values[column.key] = null;
        hidden.push(column.key);
      } else values[column.key] = column.value(c);
    }
    return { communityId: c.communityId || null, communityName: c.communityName, values, hidden };
  };
  const total = sumCounts(counts, totalName);
  return {
    fiscalYear,
    columns: kpiColumns,
    rows: counts.map((c) => rowOf(c, (p) => hiddenBy.get(p)!.has(c.communityId))),
    total: rowOf(total, (p) => protectionSize[p](total) > 0 && protectionSize[p](total) < MIN_CELL),
  };
}
