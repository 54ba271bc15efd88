/**
 * The score of IPA's 「5分でできる！情報セキュリティ自社診断」 (docs/self-check.md): each of the 25
 * items scores 4 (実施している), 2 (一部実施している), 0 (実施していない) or −1 (わからない); the
 * total, out of 100 (at least −25), falls in one of IPA's four bands. Pure: the answering page,
 * the organisation's record and the dashboard all read their figures from here.
 */
import type { Answers } from "./check-answers.ts";
import { selfCheckParts } from "./templates/self-check.ts";

export const selfCheckPoints = { done: 4, partly: 2, "not-done": 0, unknown: -1 } as const;
export type SelfCheckAnswer = keyof typeof selfCheckPoints;

export const SELF_CHECK_ITEMS = selfCheckParts.reduce((n, p) => n + p.items.length, 0);
export const SELF_CHECK_MAX = SELF_CHECK_ITEMS * selfCheckPoints.done;
export const SELF_CHECK_MIN = SELF_CHECK_ITEMS * selfCheckPoints.unknown;

/**
 * IPA's bands: `full` 100 (入門レベルの対策は達成 → さらに強化), `high` 70–99 (部分的な対策が不十分
 * → 100点満点への挑戦), `mid` 50–69 (対策が不十分 → 低い項目から改善), `low` 49 or less (事故が
 * いつ起きても不思議ではない → 早急に改善). Best first.
 */
export const selfCheckBands = ["full", "high", "mid", "low"] as const;
export type SelfCheckBand = (typeof selfCheckBands)[number];

/** Each band's lowest and highest possible total. */
export const selfCheckBandRange: Record<SelfCheckBand, { min: number; max: number }> = {
  full: { min: 100, max: 100 },
  high: { min: 70, max: 99 },
  mid: { min: 50, max: 69 },
  low: { min: SELF_CHECK_MIN, max: 49 },
};

/** A total a complete self-check can have: an integer from −25 to 100. */
export function isSelfCheckTotal(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= SELF_CHECK_MIN && (value as number) <= SELF_CHECK_MAX;
}

export function selfCheckBand(total: number): SelfCheckBand {
  if (!isSelfCheckTotal(total)) throw new RangeError(`not a self-check total: ${total}`);
  if (total === SELF_CHECK_MAX) return "full";
  if (total >= 70) return "high";
  if (total >= 50) return "mid";
  return "low";
}

export interface SelfCheckScore {
  total: number;
  band: SelfCheckBand;
  /** Per part (part1 … part3): its points and the most it could have. */
  parts: { name: string; points: number; max: number }[];
  /** Items answered わからない (IPA: find out how they stand), and those not fully done. */
  unknown: string[];
  notDone: string[];
}

const isAnswer = (value: unknown): value is SelfCheckAnswer =>
  typeof value === "string" && Object.hasOwn(selfCheckPoints, value);

/**
 * The score of a complete answer set; null when any of the 25 items lacks one of the four
 * answers (nothing is guessed: an incomplete self-check has no score).
 */
export function scoreSelfCheck(answers: Answers): SelfCheckScore | null {
  const parts: SelfCheckScore["parts"] = [];
  const unknown: string[] = [];
  const notDone: string[] = [];
  for (const part of selfCheckParts) {
    const rows = answers[part.name];
    if (!rows || typeof rows !== "object" || Array.isArray(rows)) return null;
    let points = 0;
    for (const item of part.items) {
      const answer = (rows as Record<string, unknown>)[item.code];
      if (!isAnswer(answer)) return null;
      points += selfCheckPoints[answer];
      if (answer === "unknown") unknown.push(item.code);
      else if (answer !== "done") notDone.push(item.code);
    }
    parts.push({ name: part.name, points, max: part.items.length * selfCheckPoints.done });
  }
  const total = parts.reduce((n, p) => n + p.points, 0);
  return { total, band: selfCheckBand(total), parts, unknown, notDone };
}
