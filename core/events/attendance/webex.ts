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
 * Webex's attendee / participant reports. Webex documents its exports as "Unicode tab-delimited
 * text (UTF-16LE)" (help.webex.com, "Webex Meetings CSV file import and export"); a Webex Events
 * attendee report reads
 *
 *     Event Name  Event Start Time  Event End Time  Name  Attendee Email  Join Time  Leave Time  Attendance Duration  Connection Type
 *     Test Event  ="2021-06-14 17:00:00"  …  Test User 1  user1@mail.com  ="2021-06-14 17:02:22"  …  201 mins  Desktop
 *
 * (times wrapped in ="…" so that Excel keeps them as text). Meetings' participant lists and the
 * Japanese UI name the same columns 名前 / 表示名, メールアドレス, 参加時刻, 退出時刻, 出席時間.
 * A UTF-8 CSV saved from Excel reads the same. Any table with a name and an e-mail column that
 * is neither Zoom's nor Teams' is read here, so this module is also the catch-all.
 */
const NAME = [
  "Name",
  "Participant Name",
  "Attendee Name",
  "Display Name",
  "Full Name",
  "名前",
  "表示名",
  "氏名",
  "参加者名",
];
const EMAIL = [
  "Attendee Email",
  "Email",
  "Email Address",
  "E-mail",
  "メールアドレス",
  "メール",
  "電子メール",
  "Eメール",
];
const JOIN = ["Join Time", "Joined", "参加時刻", "参加時間", "入室時刻"];
const LEAVE = ["Leave Time", "Left", "退出時刻", "退出時間", "退室時刻"];
const DURATION = [
  "Attendance Duration",
  "Duration",
  "Duration (minutes)",
  "Duration(mins)",
  "出席時間",
  "参加時間（分）",
  "出席時間（分）",
  "期間",
];

function headerIndex(rows: Table): number {
  return rows.findIndex((row) => columnOf(row, ...NAME) >= 0 && columnOf(row, ...EMAIL) >= 0);
}

export function looksLikeWebex(rows: Table): boolean {
  return headerIndex(rows) >= 0;
}

export function readWebexReport(rows: Table): ParsedAttendanceReport {
  const at = headerIndex(rows);
  const header = rows[at]!;
  const name = columnOf(header, ...NAME);
  const email = columnOf(header, ...EMAIL);
  const join = columnOf(header, ...JOIN);
  const leave = columnOf(header, ...LEAVE);
  const duration = columnOf(header, ...DURATION);
  const guest = columnOf(header, "Guest", "ゲスト");
  const joins: AttendanceJoin[] = [];
  for (const row of rows.slice(at + 1)) {
    const joined = join >= 0 ? parseClockTime(row[join] ?? "") : null;
    const left = leave >= 0 ? parseClockTime(row[leave] ?? "") : null;
    joins.push({
      name: cellText(row[name]),
      otherNames: [],
      email: cellText(row[email]).toLowerCase(),
      seconds:
        (duration >= 0 ? parseDuration(cellText(row[duration])) : null) ??
        (joined !== null && left !== null ? Math.max(0, left - joined) : null),
      guest: guest >= 0 && isYes(cellText(row[guest])),
    });
  }
  const language = header.some((h) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(headerKey(h))) ? "ja" : "en";
  return { format: "webex", language, participants: mergeJoins(joins) };
}
