/**
 * Days written in the Japanese era calendar (和暦), as Japanese offices and Excel's "ggge年m月d日"
 * and "ge.m.d" formats write them: 令和7年4月1日, 令和元年5月1日, R7.4.1, R07/04/01, H31.4.30,
 * ㋿7年4月1日 (NFKC makes ㋿ 令和 and full-width digits ASCII).
 *
 * An era's year 1 (元年) is the Gregorian year it began in, and a date before the era began or
 * after the next one began is no date of that era (令和元年4月1日 and 平成32年1月1日 are refused,
 * with the era's range, rather than guessed).
 */
export interface JapaneseEra {
  name: string;
  letter: string;
  /** The first day, YYYY-MM-DD. */
  from: string;
  /** The last day, YYYY-MM-DD; null for the current era. */
  to: string | null;
}

export const japaneseEras: readonly JapaneseEra[] = [
  { name: "明治", letter: "M", from: "1868-10-23", to: "1912-07-29" },
  { name: "大正", letter: "T", from: "1912-07-30", to: "1926-12-24" },
  { name: "昭和", letter: "S", from: "1926-12-25", to: "1989-01-07" },
  { name: "平成", letter: "H", from: "1989-01-08", to: "2019-04-30" },
  { name: "令和", letter: "R", from: "2019-05-01", to: null },
];

export type EraDayReading =
  | { ok: true; day: string }
  /** It is an era date, but no day of that era (or no day at all: 令和7年2月30日). */
  | { ok: false; era: JapaneseEra | null };

const ERA_DAY =
  /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})\s*(?:年|[./-])\s*(\d{1,2})\s*(?:月|[./-])\s*(\d{1,2})\s*日?$/i;

/** Whether the text is written as an era date at all (then a failure to read it is the era's). */
export function looksLikeEraDay(text: string): boolean {
  return ERA_DAY.test(text.normalize("NFKC").trim());
}

/** An era date as YYYY-MM-DD; null when the text is not written as an era date. */
export function readEraDay(text: string): EraDayReading | null {
  const m = ERA_DAY.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const key = m[1]!.toUpperCase();
  const era = japaneseEras.find((e) => e.name === key || e.letter === key)!;
  const yearOfEra = m[2] === "元" ? 1 : Number(m[2]);
  if (yearOfEra < 1) return { ok: false, era };
  const [year, month, date] = [Number(era.from.slice(0, 4)) + yearOfEra - 1, Number(m[3]), Number(m[4])];
  const at = new Date(Date.UTC(year, month - 1, date));
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== date)
    return { ok: false, era: null };
  const day = at.toISOString().slice(0, 10);
  if (day < era.from || (era.to !== null && day > era.to)) return { ok: false, era };
  return { ok: true, day };
}
