/**
 * Dates as Japanese users expect them: the Japanese era with the weekday (令和3年1月27日(水)), the
 * Western calendar beside it where documents need both, and fiscal years (年度, April–March).
 * Everything is shown in Japan time, whatever the server's zone.
 */
import type { Locale } from "./index.ts";

export const displayTimeZone = "Asia/Tokyo";
/** displayTimeZone's offset: Japan has kept +09:00 all year since 1951 (no summer time). */
export const displayOffset = "+09:00";
const displayOffsetMs = 9 * 3_600_000;

/**
 * Intl formatting is slow (the Japanese calendar most of all), and the same instants recur: every
 * confirmation mail of an event shows its start and end. Each formatter remembers its recent results.
 */
function remembered(format: Intl.DateTimeFormat): { format(date: Date): string } {
  const results = new Map<number, string>();
  return {
    format(date) {
      const time = date.getTime();
      let text = results.get(time);
      if (text === undefined) {
        text = format.format(date);
        if (results.size >= 512) results.clear();
        results.set(time, text);
      }
      return text;
    },
  };
}

const eraDate = remembered(
  new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
    era: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
    timeZone: displayTimeZone,
  }),
);
const eraYear = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: displayTimeZone,
});
const westernDateJa = remembered(
  new Intl.DateTimeFormat("ja-JP", {
    year: "numeric",
    month: "long",
    day: "numeric",
    weekday: "short",
    timeZone: displayTimeZone,
  }),
);
const timeJa = remembered(
  new Intl.DateTimeFormat("ja-JP", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: displayTimeZone }),
);
const dateEn = remembered(
  new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    timeZone: displayTimeZone,
  }),
);
const timeEn = remembered(
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: displayTimeZone }),
);

function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare calendar date means that day in Japan, not UTC midnight.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00${displayOffset}`) : new Date(value);
}

/** The Japan wall clock of an instant, as `YYYY-MM-DDTHH:mm:ss.sss` (no zone). */
function japanWallClock(value: Date | string): string {
  return new Date(toDate(value).getTime() + displayOffsetMs).toISOString().slice(0, 23);
}

/**
 * 2026-12-01T21:30:00.000Z → `2026-12-02T06:30:00+09:00`: an instant in Japan time for files people
 * read (CSV/XLSX columns), still ISO 8601 so programs read the same instant. Empty for no value.
 */
export function toJapanIso(value: Date | string | null | undefined): string {
  return value ? `${japanWallClock(value).slice(0, 19)}${displayOffset}` : "";
}

/** The calendar day an instant falls on in Japan (`YYYY-MM-DD`): 15:00Z is already tomorrow. */
export function japanDay(value: Date | string | null | undefined): string {
  return value ? japanWallClock(value).slice(0, 10) : "";
}

/** An instant as the value of `<input type="datetime-local">` (`YYYY-MM-DDTHH:mm`), in Japan time. */
export function japanLocal(value: Date | string | null | undefined): string {
  return value ? japanWallClock(value).slice(0, 16) : "";
}

/**
 * What people type is Japan time: `YYYY-MM-DD`, `YYYY-MM-DDTHH:mm[:ss[.sss]]` without an offset is
 * read at +09:00; a value with `Z` or an offset keeps it. An unreadable value gives an invalid Date.
 */
export function fromJapanLocal(text: string): Date {
  const value = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T00:00:00${displayOffset}`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) {
    return new Date(`${value.length === 16 ? `${value}:00` : value}${displayOffset}`);
  }
  return new Date(/([zZ]|[+-]\d{2}:\d{2})$/.test(value) ? value : Number.NaN);
}

/** 令和3年1月27日(水) */
export function formatEraDate(value: Date | string): string {
  return eraDate.format(toDate(value));
}

/** 2021年1月27日(水) */
export function formatWesternDate(value: Date | string): string {
  return westernDateJa.format(toDate(value));
}

/** 令和3年（2021年）1月27日(水) — for documents that carry both calendars. */
export function formatEraAndWesternDate(value: Date | string): string {
  const d = toDate(value);
  const era = formatEraDate(d);
  const year = Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: displayTimeZone }).format(d));
  return era.replace(/^(\D+\d+|\D+元)年/, `$1年（${year}年）`);
}

/** The date in the user's locale: era for Japanese, day month year for English. */
export function formatDate(value: Date | string, locale: Locale): string {
  return locale === "ja" ? formatEraDate(value) : dateEn.format(toDate(value));
}

export function formatDateTime(value: Date | string, locale: Locale): string {
  const d = toDate(value);
  return locale === "ja" ? `${formatEraDate(d)} ${timeJa.format(d)}` : `${dateEn.format(d)} ${timeEn.format(d)}`;
}

/** The fiscal year (年度) a date falls in: April to March, in Japan time. */
export function fiscalYearOf(value: Date | string): number {
  const parts = new Intl.DateTimeFormat("en-CA", {
    year: "numeric",
    month: "numeric",
    timeZone: displayTimeZone,
  }).formatToParts(toDate(value));
  const year = Number(parts.find((p) => p.type === "year")!.value);
  const month = Number(parts.find((p) => p.type === "month")!.value);
  return month >= 4 ? year : year - 1;
}

/** FY2020 → { start: "2020-04-01", end: "2021-03-31" } (calendar dates, inclusive). */
export function fiscalYearRange(fiscalYear: number): { start: string; end: string } {
  return { start: `${fiscalYear}-04-01`, end: `${fiscalYear + 1}-03-31` };
}

/**
 * 令和2年度. The era is the one in force for most of the year (taken on 1 June), which gives the
 * official 令和元年度 for FY2019 although 1 April 2019 was still 平成31年.
 */
export function formatFiscalYear(fiscalYear: number, locale: Locale = "ja"): string {
  if (locale === "en") return `FY${fiscalYear}`;
  return `${eraYear.format(new Date(`${fiscalYear}-06-01T00:00:00${displayOffset}`)).replace(/年$/, "")}年度`;
}
