/**
 * The completion times in a Google Forms responses CSV. Google writes the タイムスタンプ / Timestamp
 * column in the form's spreadsheet locale and time zone, without saying which zone: a Japanese
 * sheet writes `2026/07/16 14:40:30`, a US one `4/27/2021 11:02:10` (month first, 24-hour clock,
 * sometimes `11:02:10 AM`). The zone is chosen in the import preview (Japan time by default).
 *
 * The form's own download (回答 → "回答をダウンロード (.csv)") writes the 12-hour clock with the
 * offset instead: `2024/01/07 7:41:40 午後 GMT+9`, `2021/04/27 11:02:10 AM GMT-4`; the offset
 * it names is used, whatever zone was chosen.
 */
import { displayTimeZone } from "../../i18n/dates.ts";

/** The zones offered in the preview: Japan first, then the ones Google Sheets defaults to abroad. */
export const importTimeZones = [
  displayTimeZone,
  "UTC",
  "America/Los_Angeles",
  "America/Denver",
  "America/Chicago",
  "America/New_York",
  "Europe/London",
  "Europe/Paris",
  "Asia/Seoul",
  "Asia/Singapore",
  "Australia/Sydney",
] as const;
export type ImportTimeZone = (typeof importTimeZones)[number];

/** The header of the completion-time column, in Google Forms' Japanese and English exports. */
export function isTimestampHeader(header: string): boolean {
  return /^(タイムスタンプ|timestamp|回答日時|完了時刻|completion time)$/i.test(header.normalize("NFKC").trim());
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's clock is ahead of UTC at that instant, in milliseconds. */
function zoneOffset(timeZone: string, at: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    offsetFormats.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(+part.year!, +part.month! - 1, +part.day!, +part.hour!, +part.minute!, +part.second!);
  return wall - (at - (at % 1000));
}

/** The instant a wall-clock time in the zone names (for a time skipped or repeated by DST: the first reading). */
export function wallTimeToInstant(
  timeZone: string,
  fields: { year: number; month: number; day: number; hour: number; minute: number; second: number },
): Date {
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  let instant = wall - zoneOffset(timeZone, wall);
  instant = wall - zoneOffset(timeZone, instant);
  return new Date(instant);
}

const JAPANESE = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
/** Google Forms' own download: the offset at the end ("GMT+9", "GMT-04:00", "UTC+5:30"). */
const OFFSET_SUFFIX = /\s*(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
/** 午前/午後 or AM/PM, after the time ("7:41:40 午後") or, as Japanese writes it, before ("午後 7:41:40"). */
const MERIDIEM_AFTER = /^(.*\d)\s*(午前|午後|AM|PM)$/i;
const MERIDIEM_BEFORE = /^(\S+)\s+(午前|午後)\s*(\d.*)$/;
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AP]M))?$/i;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * The instant a Timestamp cell names, read in `timeZone` (a time with its own offset, ISO 8601,
 * keeps it), or null when it is no date and time of these forms, or no real one (2/30, 25:00).
 */
export function parseFormTimestamp(text: string, timeZone: string): Date | null {
  let value = text.normalize("NFKC").trim();
  if (ISO_WITH_ZONE.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  // The offset the cell names (minutes ahead of UTC), if it names one.
  let offset: number | null = null;
  const suffix = OFFSET_SUFFIX.exec(value);
  if (suffix) {
    const [hours, minutes] = [Number(suffix[2] ?? 0), Number(suffix[3] ?? 0)];
    if (hours > 14 || minutes > 59) return null;
    offset = (suffix[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
    value = value.slice(0, suffix.index).trim();
  }
  let half: string | undefined;
  const before = MERIDIEM_BEFORE.exec(value);
  const after = before ? null : MERIDIEM_AFTER.exec(value);
  if (before) [value, half] = [`${before[1]} ${before[3]}`, before[2]];
  else if (after) [value, half] = [after[1]!.trim(), after[2]];
  half = half === "午前" ? "AM" : half === "午後" ? "PM" : half?.toUpperCase();
  let fields: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  const ja = JAPANESE.exec(value);
  const us = ja ? null : US.exec(half ? `${value} ${half}` : value);
  if (ja) {
    let hour = +ja[4]!;
    if (half && (hour < 1 || hour > 12)) return null;
    if (half === "PM" && hour < 12) hour += 12;
    if (half === "AM" && hour === 12) hour = 0;
    fields = { year: +ja[1]!, month: +ja[2]!, day: +ja[3]!, hour, minute: +ja[5]!, second: +(ja[6] ?? 0) };
  } else if (us) {
    let hour = +us[4]!;
    const half = us[7]?.toUpperCase();
    if (half && (hour < 1 || hour > 12)) return null;
    if (half === "PM" && hour < 12) hour += 12;
    if (half === "AM" && hour === 12) hour = 0;
    fields = { year: +us[3]!, month: +us[1]!, day: +us[2]!, hour, minute: +us[5]!, second: +(us[6] ?? 0) };
  } else return null;
  const { year, month, day, hour, minute, second } = fields;
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  if (offset !== null) return new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offset * 60_000);
  return wallTimeToInstant(timeZone, fields);
}
