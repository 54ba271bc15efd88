/**
 * The community's self-check figures (docs/self-check.md): how many organisations have a score,
 * their average, and how many fall in each of IPA's bands — under the suppression rule of views
 * for sharing (docs/survey-counting.md §4): no figure from fewer than 5 respondents, and none
 * derivable. A band under 5 (0 included) is hidden; then the exact audit the breakdowns use
 * (disclosure-audit.ts) asks whether the shown figures — the count, the average to one decimal,
 * the shown bands, and each band's possible totals — pin a hidden band; while one is pinned, the
 * smallest shown band is hidden too, and last the average. Pure.
 */
import { DisclosureAudit, type Relation } from "./disclosure-audit.ts";
import { MIN_CELL } from "./protect-breakdown.ts";
import { type SelfCheckBand, selfCheckBand, selfCheckBandRange, selfCheckBands } from "./self-check-score.ts";

export interface SelfCheckDistribution {
  /** Organisations with a score; null when fewer than 5 (then nothing is shown). */
  respondents: number | null;
  /** Mean total, one decimal; null when hidden. */
  average: number | null;
  /** Best band first; count null when hidden. */
  bands: { band: SelfCheckBand; count: number | null }[];
  /** Whether any figure is hidden. */
  suppressed: boolean;
}

const count = (band: SelfCheckBand) => `b:${band}`;
/** A band's total above its lowest possible one (non-negative, as the audit's variables are). */
const excess = (band: SelfCheckBand) => `e:${band}`;

/** The mean as shown: one decimal, Math.round's half-up. */
export const averageOf = (totals: readonly number[]) =>
  Math.round((10 * totals.reduce((s, t) => s + t, 0)) / totals.length) / 10;

/** The relations among the true figures that a reader knows, given what is shown. */
function relations(n: number, average: number | null): Relation[] {
  const list: Relation[] = [{ terms: selfCheckBands.map((b) => [count(b), 1] as const), equal: n }];
  for (const band of selfCheckBands) {
    const { min, max } = selfCheckBandRange[band];
    list.push({ terms: [[excess(band), 1], ...(max > min ? [[count(band), min - max] as const] : [])], max: 0 });
  }
  if (average !== null) {
    // Math.round(10·S/n) = 10·average ⇔ n(10·average − 0.5)/10 ≤ S < n(10·average + 0.5)/10, S an integer.
    const k = Math.round(average * 10);
    const low = Math.ceil((n * (k - 0.5)) / 10 - 1e-9);
    const high = Math.ceil((n * (k + 0.5)) / 10 - 1e-9) - 1;
    list.push({
      terms: selfCheckBands.flatMap((b) => [[count(b), selfCheckBandRange[b].min] as const, [excess(b), 1] as const]),
      min: low,
      max: high,
    });
  }
  return list;
}

/**
 * `totals`: one score per organisation (its latest). `protect: false` gives the secretariat's
 * own figures, every one shown.
 */
export function summariseSelfCheckTotals(
  totals: readonly number[],
  options: { protect: boolean } = { protect: true },
): SelfCheckDistribution {
  const counts = new Map<SelfCheckBand, number>(selfCheckBands.map((b) => [b, 0]));
  const sums = new Map<SelfCheckBand, number>(selfCheckBands.map((b) => [b, 0]));
  for (const total of totals) {
    const band = selfCheckBand(total);
    counts.set(band, counts.get(band)! + 1);
    sums.set(band, sums.get(band)! + total);
  }
  const n = totals.length;
  const all = (shown: boolean): SelfCheckDistribution => ({
    respondents: shown ? n : null,
    average: shown && n ? averageOf(totals) : null,
    bands: selfCheckBands.map((band) => ({ band, count: shown ? counts.get(band)! : null })),
    suppressed: !shown,
  });
  if (!options.protect) return all(true);
  if (n < MIN_CELL) return all(false);

  const values = new Map<string, number>();
  for (const band of selfCheckBands) {
    values.set(count(band), counts.get(band)!);
    values.set(excess(band), sums.get(band)! - selfCheckBandRange[band].min * counts.get(band)!);
  }
  const hidden = new Set(selfCheckBands.filter((b) => counts.get(b)! < MIN_CELL));
  let average: number | null = averageOf(totals);
  for (;;) {
    if (!hidden.size) break;
    const audit = new DisclosureAudit({ values, relations: relations(n, average) });
    const unknown = new Set([...hidden].map(count).concat(selfCheckBands.map(excess)));
    if (!audit.pinned([...hidden].map(count), unknown).length) break;
    // Hide the smallest shown band beside it; with none left, the average.
    const next = selfCheckBands
      .filter((b) => !hidden.has(b))
      .sort((a, b) => counts.get(a)! - counts.get(b)! || selfCheckBands.indexOf(b) - selfCheckBands.indexOf(a))[0];
    if (next) hidden.add(next);
    else if (average !== null) average = null;
    else break;
  }
  return {
    respondents: n,
    average,
    bands: selfCheckBands.map((band) => ({ band, count: hidden.has(band) ? null : counts.get(band)! })),
    suppressed: hidden.size > 0 || average === null,
  };
}
