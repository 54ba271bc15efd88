import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import { buildKpiTable, type CommunityCounts, kpiColumns } from "./kpis.ts";
import { createTranslate } from "../../i18n/index.ts";

function counts(id: string, over: Partial<CommunityCounts> = {}): CommunityCounts {
  return {
    communityId: id,
    communityName: id,
    seminars: 2,
    registeredVenue: 40,
    registeredOnline: 60,
    attendedVenue: 30,
    attendedOnline: 45,
    attendedBySector: { industry: 50, academia: 10, government: 15 },
    members: 30,
    memberCorporateNumbers: ["7000012050002", "1000020420000"],
    membersWithoutCorporateNumber: 28,
    membersBySector: { industry: 24, academia: 3, government: 3 },
    membersBySize: { "1-5": 5, "6-20": 10, unknown: 15 },
    respondents: 28,
    invited: 40,
    invitedAnswered: 20,
    memberSmes: 20,
    securityActionOneStar: 6,
    securityActionTwoStar: 4,
    scsStar3: 1,
    scsStar4: 0,
    otasuketai: 2,
    cyberInsurance: 5,
    riss: 3,
    selfCheckScored: 8,
    selfCheckScoreSum: 8 * 61,
    ...over,
  };
}

describe("the programme's key figures", () => {
  it("shows each community's figures and the programme's sums, with rates over the sums", () => {
    const table = buildKpiTable(2020, [counts("nagasaki"), counts("saga", { respondents: 30, seminars: 1 })], "九州");
    const nagasaki = table.rows[0]!.values;
    expect(nagasaki.seminars).toBe(2);
    expect(nagasaki.registered).toBe(100);
    expect(nagasaki.attendanceRate).toBe(75);
    expect(nagasaki.securityAction).toBe(50);
    expect(nagasaki.responseRate).toBe(50);
    expect(nagasaki.selfCheckAverage).toBe(61);
    expect(table.total.values.seminars).toBe(3);
    expect(table.total.values.respondents).toBe(58);
    expect(table.total.values["members.industry"]).toBe(48);
    expect(table.rows.every((r) => r.hidden.length === 0)).toBe(true);
  });

  it("counts a company that is a member in two communities once in the programme's distinct members (by 法人番号)", () => {
    const table = buildKpiTable(
      2020,
      [
        counts("nagasaki"),
        counts("saga", {
          memberCorporateNumbers: ["7000012050002", "4000020410004"],
          membersWithoutCorporateNumber: 10,
        }),
      ],
      "九州",
    );
    expect(table.rows.map((r) => r.values["members.distinct"])).toEqual([30, 12]);
    // 28 + 10 without a number, and three distinct numbers (7000012050002 in both).
    expect(table.total.values["members.distinct"]).toBe(41);
    expect(table.total.values.members).toBe(60);
  });

  it("hides a community's survey figures under 5 respondents, and a partner's, so the total does not give it away", () => {
    const table = buildKpiTable(
      2020,
      [counts("a", { respondents: 3 }), counts("b", { respondents: 40 }), counts("c", { respondents: 12 })],
      "all",
    );
    const [a, b, c] = table.rows;
    expect(a!.values.respondents).toBeNull();
    expect(a!.values.responseRate).toBeNull();
    // The smallest other community is hidden with it: total − b is a + c, not a alone.
    expect(c!.values.respondents).toBeNull();
    expect(b!.values.respondents).toBe(40);
    expect(table.total.values.respondents).toBe(55);
    // Other figures of those communities are shown.
    expect(a!.values.seminars).toBe(2);
    expect(a!.values.securityAction).toBe(50);
  });

  it("never lets a hidden figure be the programme total minus the shown ones (property)", () => {
    const community = fc.record({
      respondents: fc.nat(40),
      memberSmes: fc.nat(40),
      selfCheckScored: fc.nat(40),
    });
    fc.assert(
      fc.property(fc.array(community, { minLength: 1, maxLength: 8 }), (list) => {
        const rows = list.map((x, i) => counts(`c${i}`, { ...x, selfCheckScoreSum: x.selfCheckScored * 50 }));
        const table = buildKpiTable(2020, rows, "all");
        for (const size of ["respondents", "memberSmes", "selfCheckScored"] as const) {
          const hidden = rows.filter((_, i) =>
            table.rows[i]!.hidden.some((key) => kpiColumns.find((k) => k.key === key)?.protectedBy === size),
          );
          for (const r of rows)
            if (r[size] < MIN_CELL && r[size] > 0) expect(hidden.map((h) => h.communityId)).toContain(r.communityId);
          // With the total shown, total − shown rows = the hidden pool: never a single small community.
          const totalShown = !table.total.hidden.some(
            (key) => kpiColumns.find((k) => k.key === key)?.protectedBy === size,
          );
          const parts = hidden.filter((r) => r[size] > 0);
          if (totalShown && parts.some((r) => r[size] < MIN_CELL)) {
            expect(parts.length).toBeGreaterThanOrEqual(2);
            expect(parts.reduce((sum, r) => sum + r[size], 0)).toBeGreaterThanOrEqual(MIN_CELL);
          }
          if (!totalShown) expect(rows.reduce((sum, r) => sum + r[size], 0)).toBeLessThan(MIN_CELL);
          for (const [i, r] of rows.entries()) if (r[size] === 0) expect(hidden).not.toContain(rows[i]);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("defines every column once, with both languages", () => {
    const keys = kpiColumns.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const locale of ["ja", "en"] as const) {
      const labels = kpiColumns.map((c) => c.label(createTranslate(locale)));
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label).not.toMatch(/programme\.|community\.|\{/);
    }
  });
});
