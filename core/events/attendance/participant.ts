/**
 * What every online tool's participants report comes down to (docs/attendance-import.md): one
 * row per join, read by the vendor's module (`zoom.ts`, `teams.ts`, `webex.ts`), then merged
 * into one participant per person with the total time (`mergeJoins`).
 */
export const attendanceFormats = ["zoom", "teams", "webex"] as const;
export type AttendanceFormat = (typeof attendanceFormats)[number];

/** One row of a report: one join of one person. */
export interface AttendanceJoin {
  /** As the tool shows it; Zoom's "Renamed (Original Name)" is kept whole here. */
  name: string;
  /** Other names the same person goes by in the row (Zoom's original name). */
  otherNames: string[];
  /** Lower case; "" when the tool has none (guests, phone dial-ins). */
  email: string;
  /** null when the report gives neither a duration nor join and leave times. */
  seconds: number | null;
  guest: boolean;
}

/** One person: their joins merged, the time added up. */
export interface AttendanceParticipant {
  name: string;
  otherNames: string[];
  email: string;
  seconds: number | null;
  joins: number;
  guest: boolean;
}

export interface ParsedAttendanceReport {
  format: AttendanceFormat;
  /** The language of the report's headers. */
  language: "ja" | "en";
  participants: AttendanceParticipant[];
}

/** A header cell as compared: NFKC (full-width brackets and digits become ASCII), no spaces, lower case. */
export function headerKey(cell: string): string {
  return cell.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

/** The index of the first header cell matching one of the keys (compared through `headerKey`). */
export function columnOf(header: readonly string[], ...keys: string[]): number {
  const wanted = new Set(keys.map(headerKey));
  return header.findIndex((cell) => wanted.has(headerKey(cell)));
}

/** Webex writes times as `="2021-06-14 17:00:00"` so that Excel keeps them as text. */
export function cellText(cell: string | undefined): string {
  const text = (cell ?? "").trim();
  const excelText = /^="(.*)"$/.exec(text);
  return (excelText ? excelText[1]! : text).trim();
}

/**
 * A duration as the tools write it, in seconds: "19m 26s", "1h 2m 10s", "55m" (Teams),
 * "19 分 26 秒", "1 時間 5 分" (Teams in Japanese), "204 mins" (Webex), "1:02:10", or a bare
 * number of `unit`s (Zoom's minutes column). null when the text is none of these.
 */
export function parseDuration(text: string, unit: "minutes" | "seconds" = "minutes"): number | null {
  const s = text.normalize("NFKC").trim().toLowerCase();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * (unit === "minutes" ? 60 : 1));
  const clock = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(s);
  if (clock) {
    const [h, m, sec] = clock[3] === undefined ? [0, clock[1], clock[2]] : [clock[1], clock[2], clock[3]];
    return Number(h) * 3600 + Number(m) * 60 + Number(sec);
  }
  const parts =
    /^(?:(\d+)\s*(?:h|hrs?|hours?|時間))?\s*(?:(\d+)\s*(?:m|mins?|minutes?|分))?\s*(?:(\d+)\s*(?:s|secs?|seconds?|秒))?$/.exec(
      s,
    );
  if (!parts || parts.slice(1).every((p) => p === undefined)) return null;
  return Number(parts[1] ?? 0) * 3600 + Number(parts[2] ?? 0) * 60 + Number(parts[3] ?? 0);
}

/**
 * A join or leave time as the tools write it, as minutes-of-the-epoch (only differences are
 * used): "11/19/2021 10:08:26 AM" (Zoom, 12-hour), "2020/12/8 8:35" and "2021-06-14 17:02:22"
 * (24-hour). The date's day and month order matters only when a join crosses midnight.
 */
export function parseClockTime(text: string): number | null {
  const s = cellText(text).normalize("NFKC");
  const m =
    /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm|午前|午後)?$/i.exec(s) ??
    /^(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4}),?\s+(午前|午後)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$/i.exec(s);
  if (!m) return null;
  let [a, b, c, hh, mm, ss, meridiem] = m.slice(1) as (string | undefined)[];
  if (m[4] === "午前" || m[4] === "午後") [meridiem, hh, mm, ss] = [m[4], m[5], m[6], m[7]];
  const [year, month, day] = a!.length === 4 ? [a, b, c] : [c!.length === 2 ? `20${c}` : c, a, b];
  let hour = Number(hh);
  const pm = meridiem && /pm|午後/i.test(meridiem);
  const am = meridiem && /am|午前/i.test(meridiem);
  if (pm && hour < 12) hour += 12;
  if (am && hour === 12) hour = 0;
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), hour, Number(mm), Number(ss ?? 0));
  return Number.isFinite(at) ? at / 1000 : null;
}

/** "Yes" / "はい" in a guest column. */
export function isYes(text: string): boolean {
  return /^(yes|y|true|はい|○|〇)$/i.test(text.normalize("NFKC").trim());
}

/**
 * A person's name as matching compares it: NFKC (full-width letters and half-width kana become
 * one form), no spaces (ASCII, full-width U+3000 or any other), lower case, katakana folded to
 * hiragana (ヤマダ and やまだ are one reading).
 */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * One participant per person: rows with the same e-mail are one person, and so are rows without
 * an e-mail whose names normalise alike; their times are added up (a rejoin after a dropped line
 * is one attendee, not two).
 */
export function mergeJoins(joins: readonly AttendanceJoin[]): AttendanceParticipant[] {
  const byKey = new Map<string, AttendanceParticipant>();
  for (const join of joins) {
    if (!join.name && !join.email) continue;
    const key = join.email ? `e:${join.email}` : `n:${normaliseName(join.name)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...join, otherNames: [...join.otherNames], joins: 1 });
      continue;
    }
    if (join.seconds !== null) seen.seconds = (seen.seconds ?? 0) + join.seconds;
    seen.joins++;
    seen.guest = seen.guest || join.guest;
    for (const n of [join.name, ...join.otherNames])
      if (n && n !== seen.name && !seen.otherNames.includes(n)) seen.otherNames.push(n);
  }
  return [...byKey.values()];
}
