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

export type Localised = { ja: string; en: string };

/** What hides a column's figure: the count it is computed from. */
export type Protection = "respondents" | "memberSmes" | "selfCheckScored";

export interface KpiColumn {
  key: string;
  group: "seminars" | "attendance" | "members" | "survey" | "posture" | "selfCheck";
  label: Localised;
  format: "count" | "percent" | "score";
  protectedBy?: Protection;
  /** the figure of a row of counts (a community's, or the programme's sums) */
  value(c: CommunityCounts): number | null;
}

const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);

const sectorLabels: Record<(typeof sectors)[number], Localised> = {
  industry: { ja: "産", en: "Industry" },
  academia: { ja: "学", en: "Academia" },
  government: { ja: "官", en: "Government" },
  finance: { ja: "金融", en: "Finance" },
  media: { ja: "報道", en: "Media" },
  nonprofit: { ja: "非営利", en: "Non-profit" },
  other: { ja: "その他", en: "Other" },
};

const sizeKeys = [...sizeBands, "unknown"] as const;

export const kpiColumns: readonly KpiColumn[] = [
  { key: "seminars", group: "seminars", label: { ja: "開催数", en: "Seminars" }, format: "count", value: (c) => c.seminars },
  {
    key: "registered",
    group: "seminars",
    label: { ja: "申込者数", en: "Registered" },
    format: "count",
    value: (c) => c.registeredVenue + c.registeredOnline,
  },
  {
    key: "registeredVenue",
    group: "seminars",
    label: { ja: "申込（会場）", en: "Registered (venue)" },
    format: "count",
    value: (c) => c.registeredVenue,
  },
  {
    key: "registeredOnline",
    group: "seminars",
    label: { ja: "申込（オンライン）", en: "Registered (online)" },
    format: "count",
    value: (c) => c.registeredOnline,
  },
  {
    key: "attended",
    group: "seminars",
    label: { ja: "参加者数", en: "Attended" },
    format: "count",
    value: (c) => c.attendedVenue + c.attendedOnline,
  },
  {
    key: "attendedVenue",
    group: "seminars",
    label: { ja: "参加（会場）", en: "Attended (venue)" },
    format: "count",
    value: (c) => c.attendedVenue,
  },
  {
    key: "attendedOnline",
    group: "seminars",
    label: { ja: "参加（オンライン）", en: "Attended (online)" },
    format: "count",
    value: (c) => c.attendedOnline,
  },
  {
    key: "attendanceRate",
    group: "seminars",
    label: { ja: "参加率（%）", en: "Attendance rate (%)" },
    format: "percent",
    value: (c) => percent(c.attendedVenue + c.attendedOnline, c.registeredVenue + c.registeredOnline),
  },
  ...sectors.map(
    (s): KpiColumn => ({
      key: `attended.${s}`,
      group: "attendance",
      label: { ja: `参加（${sectorLabels[s].ja}）`, en: `Attended (${sectorLabels[s].en})` },
      format: "count",
      value: (c) => c.attendedBySector[s] ?? 0,
    }),
  ),
  { key: "members", group: "members", label: { ja: "会員団体数", en: "Member organisations" }, format: "count", value: (c) => c.members },
  ...sectors.map(
    (s): KpiColumn => ({
      key: `members.${s}`,
      group: "members",
      label: { ja: `会員（${sectorLabels[s].ja}）`, en: `Members (${sectorLabels[s].en})` },
      format: "count",
      value: (c) => c.membersBySector[s] ?? 0,
    }),
  ),
  ...sizeKeys.map(
    (band): KpiColumn => ({
      key: `members.size.${band}`,
      group: "members",
      label:
        band === "unknown"
          ? { ja: "会員（規模不明）", en: "Members (size unknown)" }
          : { ja: `会員（${band}人）`, en: `Members (${band} staff)` },
      format: "count",
      value: (c) => c.membersBySize[band] ?? 0,
    }),
  ),
  {
    key: "riss",
    group: "members",
    label: { ja: "登録セキスペ（人）", en: "RISS holders" },
    format: "count",
    value: (c) => c.riss,
  },
  {
    key: "respondents",
    group: "survey",
    label: { ja: "アンケート回答数", en: "Survey respondents" },
    format: "count",
    protectedBy: "respondents",
    value: (c) => c.respondents,
  },
  {
    key: "responseRate",
    group: "survey",
    label: { ja: "回答率（%、招待に対する）", en: "Response rate (% of invited)" },
    format: "percent",
    protectedBy: "respondents",
    value: (c) => percent(c.invitedAnswered, c.invited),
  },
  {
    key: "memberSmes",
    group: "posture",
    label: { ja: "会員中小企業数", en: "Member SMEs" },
    format: "count",
    value: (c) => c.memberSmes,
  },
  {
    key: "securityAction",
    group: "posture",
    label: { ja: "SECURITY ACTION 宣言（%）", en: "SECURITY ACTION declared (%)" },
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.securityActionOneStar + c.securityActionTwoStar, c.memberSmes),
  },
  {
    key: "securityActionTwoStar",
    group: "posture",
    label: { ja: "うち★★二つ星（%）", en: "of which ★★ (%)" },
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.securityActionTwoStar, c.memberSmes),
  },
  {
    key: "scs",
    group: "posture",
    label: { ja: "SCS評価制度 ★3/★4（%）", en: "SCS ★3/★4 (%)" },
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.scsStar3 + c.scsStar4, c.memberSmes),
  },
  {
    key: "otasuketai",
    group: "posture",
    label: { ja: "お助け隊利用（%）", en: "Otasuketai service (%)" },
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.otasuketai, c.memberSmes),
  },
  {
    key: "cyberInsurance",
    group: "posture",
    label: { ja: "サイバー保険（%）", en: "Cyber insurance (%)" },
    format: "percent",
    protectedBy: "memberSmes",
    value: (c) => percent(c.cyberInsurance, c.memberSmes),
  },
  {
    key: "selfCheckScored",
    group: "selfCheck",
    label: { ja: "自社診断 実施団体数", en: "Self-check: organisations scored" },
    format: "count",
    protectedBy: "selfCheckScored",
    value: (c) => c.selfCheckScored,
  },
  {
    key: "selfCheckAverage",
    group: "selfCheck",
    label: { ja: "自社診断 平均点", en: "Self-check: average score" },
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
      pooledGroups(ids, [], (id) => protectionSize[p](byId.get(id)!)),
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
    total: rowOf(total, (p) => protectionSize[p](total) < MIN_CELL),
  };
}
