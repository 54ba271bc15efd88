import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkAnswers } from "./check-answers.ts";
import { parseDefinition } from "./definition.ts";
import { averageOf, summariseSelfCheckTotals } from "./self-check-distribution.ts";
import {
  isSelfCheckTotal,
  SELF_CHECK_ITEMS,
  SELF_CHECK_MAX,
  SELF_CHECK_MIN,
  type SelfCheckAnswer,
  scoreSelfCheck,
  selfCheckBand,
  selfCheckBandRange,
  selfCheckBands,
  selfCheckPoints,
} from "./self-check-score.ts";
import { selfCheckDefinition, selfCheckParts } from "./templates/self-check.ts";

const answers = Object.keys(selfCheckPoints) as SelfCheckAnswer[];
const codes = selfCheckParts.flatMap((p) => p.items.map((i) => i.code));

/** An answer set from 25 answers in IPA's order. */
function answerSet(list: SelfCheckAnswer[]) {
  let at = 0;
  return Object.fromEntries(
    selfCheckParts.map((p) => [p.name, Object.fromEntries(p.items.map((i) => [i.code, list[at++]!]))]),
  );
}
const anyAnswers = fc.array(fc.constantFrom(...answers), { minLength: 25, maxLength: 25 });

describe("the self-check template", () => {
  it("has IPA's 25 items in three parts of 5, 13 and 7, numbered 1–25", () => {
    expect(selfCheckParts.map((p) => p.items.length)).toEqual([5, 13, 7]);
    expect(codes).toEqual(Array.from({ length: 25 }, (_, i) => `i${String(i + 1).padStart(2, "0")}`));
    expect(SELF_CHECK_ITEMS).toBe(25);
    selfCheckParts
      .flatMap((p) => p.items)
      .forEach((item, i) => expect(item.text.ja).toMatch(new RegExp(`^${i + 1}\\. `)));
  });

  it("is a SurveyJS definition whose complete answers survey-core accepts and whose missing rows it refuses", () => {
    const definition = parseDefinition(selfCheckDefinition());
    const full = answerSet(codes.map(() => "done"));
    expect(checkAnswers(definition, full, { locale: "ja" }).errors).toEqual([]);
    const missing = structuredClone(full) as Record<string, Record<string, string>>;
    delete missing.part2!.i11;
    expect(checkAnswers(definition, missing, { locale: "ja" }).errors.map((e) => e.question)).toContain("part2");
    const wrong = structuredClone(full) as Record<string, Record<string, string>>;
    wrong.part3!.i25 = "yes";
    expect(checkAnswers(definition, wrong, { locale: "ja" }).errors.length).toBeGreaterThan(0);
  });
});

describe("scoreSelfCheck", () => {
  it("scores 4 / 2 / 0 / −1 per item and sums each part", () => {
    const list = codes.map((_, i) => answers[i % 4]!);
    const score = scoreSelfCheck(answerSet(list))!;
    const expected = list.reduce((n, a) => n + selfCheckPoints[a], 0);
    expect(score.total).toBe(expected);
    expect(score.parts.map((p) => p.max)).toEqual([20, 52, 28]);
    expect(score.parts.reduce((n, p) => n + p.points, 0)).toBe(expected);
    expect(score.unknown).toEqual(codes.filter((_, i) => i % 4 === 3));
    expect(score.notDone).toEqual(codes.filter((_, i) => i % 4 === 1 || i % 4 === 2));
  });

  it("gives 100 (full) only when every item is done, −25 when none is known", () => {
    expect(scoreSelfCheck(answerSet(codes.map(() => "done")))).toMatchObject({ total: 100, band: "full" });
    expect(scoreSelfCheck(answerSet(codes.map(() => "unknown")))).toMatchObject({ total: -25, band: "low" });
    expect(scoreSelfCheck(answerSet(codes.map(() => "not-done")))).toMatchObject({ total: 0, band: "low" });
  });

  it("property: every complete answer set scores within −25..100, in the band of its total", () => {
    fc.assert(
      fc.property(anyAnswers, (list) => {
        const score = scoreSelfCheck(answerSet(list))!;
        expect(score.total).toBeGreaterThanOrEqual(SELF_CHECK_MIN);
        expect(score.total).toBeLessThanOrEqual(SELF_CHECK_MAX);
        expect(score.band).toBe(selfCheckBand(score.total));
        const range = selfCheckBandRange[score.band];
        expect(score.total).toBeGreaterThanOrEqual(range.min);
        expect(score.total).toBeLessThanOrEqual(range.max);
        expect(score.total === 100).toBe(list.every((a) => a === "done"));
      }),
    );
  });

  it("property: one answer better never lowers the score", () => {
    fc.assert(
      fc.property(anyAnswers, fc.nat(24), (list, at) => {
        const better = [...list];
        const rank = answers.indexOf(list[at]!);
        // done > partly > not-done > unknown
        if (rank === 0) return;
        better[at] = answers[rank - 1]!;
        expect(scoreSelfCheck(answerSet(better))!.total).toBeGreaterThan(scoreSelfCheck(answerSet(list))!.total);
      }),
    );
  });

  it("has no score without all 25 known answers", () => {
    const full = answerSet(codes.map(() => "done")) as Record<string, Record<string, string>>;
    expect(scoreSelfCheck({})).toBeNull();
    const missing = structuredClone(full);
    delete missing.part1!.i03;
    expect(scoreSelfCheck(missing)).toBeNull();
    const wrong = structuredClone(full);
    wrong.part1!.i03 = "yes";
    expect(scoreSelfCheck(wrong)).toBeNull();
    expect(scoreSelfCheck({ ...full, part2: ["done"] as never })).toBeNull();
    const proto = structuredClone(full);
    proto.part1!.i03 = "toString";
    expect(scoreSelfCheck(proto)).toBeNull();
  });
});

describe("selfCheckBand", () => {
  it("cuts at IPA's edges: 100 | 70–99 | 50–69 | ≤ 49", () => {
    const cases: [number, string][] = [
      [100, "full"],
      [99, "high"],
      [70, "high"],
      [69, "mid"],
      [50, "mid"],
      [49, "low"],
      [0, "low"],
      [-25, "low"],
    ];
    for (const [total, band] of cases) expect(selfCheckBand(total)).toBe(band);
  });

  it("refuses what no self-check can total", () => {
    for (const bad of [101, -26, 70.5, Number.NaN]) {
      expect(isSelfCheckTotal(bad)).toBe(false);
      expect(() => selfCheckBand(bad)).toThrow(RangeError);
    }
  });

  it("property: the bands cover −25..100 without gaps or overlaps, best first", () => {
    fc.assert(
      fc.property(fc.integer({ min: SELF_CHECK_MIN, max: SELF_CHECK_MAX }), (total) => {
        const holding = selfCheckBands.filter(
          (b) => selfCheckBandRange[b].min <= total && total <= selfCheckBandRange[b].max,
        );
        expect(holding).toEqual([selfCheckBand(total)]);
      }),
    );
  });
});

describe("summariseSelfCheckTotals (the community's figures)", () => {
  const total = fc.integer({ min: SELF_CHECK_MIN, max: SELF_CHECK_MAX });

  it("shows nothing from fewer than 5 organisations", () => {
    for (let n = 0; n < 5; n++) {
      const d = summariseSelfCheckTotals(Array(n).fill(80));
      expect(d).toMatchObject({ respondents: null, average: null, suppressed: true });
      expect(d.bands.every((b) => b.count === null)).toBe(true);
    }
  });

  it("shows every figure when every band holds 5 or more", () => {
    const totals = [...Array(5).fill(100), ...Array(6).fill(80), ...Array(5).fill(60), ...Array(7).fill(10)];
    const d = summariseSelfCheckTotals(totals);
    expect(d).toMatchObject({ respondents: 23, average: averageOf(totals), suppressed: false });
    expect(d.bands.map((b) => b.count)).toEqual([5, 6, 5, 7]);
  });

  it("hides a second band when one small band could be had by subtraction", () => {
    // 6 + 7 shown with n = 14 gives full + mid = 1: two hidden bands, neither pinned (the average
    // leaves room for the one to be either).
    const d = summariseSelfCheckTotals([...Array(6).fill(80), 60, ...Array(7).fill(20)]);
    expect(d.respondents).toBe(14);
    expect(d.bands.map((b) => b.count)).toEqual([null, 6, null, 7]);
    // Only one small band: the smallest shown one joins it (of two as small, the worse band).
    const one = summariseSelfCheckTotals([...Array(5).fill(100), ...Array(6).fill(80), ...Array(5).fill(60), 10]);
    expect(one.bands.map((b) => b.count)).toEqual([5, 6, null, null]);
  });

  it("gives the secretariat its own figures unprotected", () => {
    const d = summariseSelfCheckTotals([100, 40], { protect: false });
    expect(d).toMatchObject({ respondents: 2, average: 70, suppressed: false });
    expect(d.bands.map((b) => b.count)).toEqual([1, 0, 0, 1]);
  });

  it("property: a shown band holds 5 or more, never exactly one band is hidden, shown figures are true", () => {
    fc.assert(
      fc.property(fc.array(total, { maxLength: 40 }), (totals) => {
        const d = summariseSelfCheckTotals(totals);
        if (totals.length < 5) {
          expect(d.respondents).toBeNull();
          return;
        }
        expect(d.respondents).toBe(totals.length);
        for (const { band, count } of d.bands) {
          if (count === null) continue;
          expect(count).toBeGreaterThanOrEqual(5);
          expect(count).toBe(totals.filter((t) => selfCheckBand(t) === band).length);
        }
        expect(d.bands.filter((b) => b.count === null).length).not.toBe(1);
        if (d.average !== null) expect(d.average).toBe(averageOf(totals));
      }),
      { numRuns: 60 },
    );
  });
});
