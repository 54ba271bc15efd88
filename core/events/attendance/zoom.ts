import type { Table } from "../../files/csv.ts";
import {
  type AttendanceJoin,
  cellText,
  columnOf,
  headerKey,
  isYes,
  mergeJoins,
  type ParsedAttendanceReport,
  parseClockTime,
  parseDuration,
} from "./participant.ts";

/**
 * Zoom's "Participants" report (Reports → Usage → Participants → Export), in English or Japanese:
 *
 *     Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants   ← only with
 *     60245167821,Heroes meeting,11/19/2021 10:00:00 AM,…                               ← "Export with
 *     (blank)                                                                             meeting data"
 *     Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent
 *     015_Loki (Loki Laufeyson),loki@example.com,11/19/2021 9:54:15 AM,…,128,Yes,Y
 *
 * Japanese: 名前（元の名前）,ユーザーメール,参加時刻,退出時刻,期間（分）(or 所要時間（分）),ゲスト.
 * One row per join unless "Show unique users" was ticked (then 合計期間（分） / Total Duration).
 * The participant header is the row naming the participant's name, not the first row that
 * mentions an e-mail: the summary row above has "User Email" (the host's) too.
 */
const NAME = ["Name (Original Name)", "名前（元の名前）", "User Name (Original Name)", "ユーザー名（元の名前）"];
const PLAIN_NAME = ["Name", "名前", "User Name", "ユーザー名"];
const EMAIL = ["User Email", "ユーザーメール", "Email", "メール", "メールアドレス"];
const JOIN = ["Join Time", "参加時刻", "参加時間"];
const LEAVE = ["Leave Time", "退出時刻", "退出時間"];
const DURATION = [
  "Duration (Minutes)",
  "Total Duration (Minutes)",
  "期間（分）",
  "所要時間（分）",
  "合計期間（分）",
  "時間（分）",
  "合計時間（分）",
];
const GUEST = ["Guest", "ゲスト"];

/** Zoom's own column names: a plain "Name" with join times is Zoom's only beside one of them (Webex has "Name" too). */
const ZOOM_ONLY = ["User Email", "ユーザーメール", ...DURATION, ...GUEST];

function headerIndex(rows: Table): number {
  return rows.findIndex(
    (row) =>
      columnOf(row, ...NAME) >= 0 ||
      (columnOf(row, ...PLAIN_NAME) >= 0 && columnOf(row, ...JOIN) >= 0 && columnOf(row, ...ZOOM_ONLY) >= 0),
  );
}

export function looksLikeZoom(rows: Table): boolean {
  return headerIndex(rows) >= 0;
}

/** Zoom's summary row with no participant table under it: the meetings list, not a participants report. */
export function looksLikeZoomMeetingList(rows: Table): boolean {
  return rows.some((row) => columnOf(row, "Meeting ID", "ミーティングID") >= 0) && headerIndex(rows) < 0;
}

export function readZoomReport(rows: Table): ParsedAttendanceReport {
  const at = headerIndex(rows);
  const header = rows[at]!;
  const name = Math.max(columnOf(header, ...NAME), columnOf(header, ...PLAIN_NAME));
  const email = columnOf(header, ...EMAIL);
  const join = columnOf(header, ...JOIN);
  const leave = columnOf(header, ...LEAVE);
  const duration = columnOf(header, ...DURATION);
  const guest = columnOf(header, ...GUEST);
  const joins: AttendanceJoin[] = [];
  for (const row of rows.slice(at + 1)) {
    const full = cellText(row[name]);
    // "Renamed (Original Name)": the name shown in the meeting, then the account's own name.
    const renamed = /^(.*?)\s*[(（]([^()（）]+)[)）]$/.exec(full);
    const joined = join >= 0 ? parseClockTime(row[join] ?? "") : null;
    const left = leave >= 0 ? parseClockTime(row[leave] ?? "") : null;
    const seconds =
      (duration >= 0 ? parseDuration(cellText(row[duration])) : null) ??
      (joined !== null && left !== null ? Math.max(0, left - joined) : null);
    joins.push({
      name: full,
      otherNames: renamed ? [renamed[1]!, renamed[2]!].filter(Boolean) : [],
      email: email >= 0 ? cellText(row[email]).toLowerCase() : "",
      seconds,
      guest: guest >= 0 && isYes(cellText(row[guest])),
    });
  }
  const language = header.some((h) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(headerKey(h))) ? "ja" : "en";
  return { format: "zoom", language, participants: mergeJoins(joins) };
}
