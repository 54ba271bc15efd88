import type { Table } from "../../files/csv.ts";
import {
  type AttendanceJoin,
  cellText,
  columnOf,
  headerKey,
  mergeJoins,
  type ParsedAttendanceReport,
  parseDuration,
} from "./participant.ts";

/**
 * Microsoft Teams' attendance report (the meeting's Attendance tab → Download), a UTF-16 file
 * with a BOM, tab-separated, in numbered sections:
 *
 *     1. Summary                       1. 要約 (older Japanese UI: 1. 概要)
 *     Meeting title  Scrum Meeting     会議のタイトル …
 *     …
 *     2. Participants                  2. 参加者
 *     Name  First join  Last leave  In-meeting duration  Email  Participant ID (UPN)  Role
 *     名前  最初の参加  最後の退出  会議の長さ  メール アドレス (or メール)  参加者 ID (UPN)  役割
 *     …
 *     3. In-Meeting activities         3. 会議中のアクティビティ
 *     (one row per join; the participants section already has the totals)
 *
 * Only section 2 is read: it has one row per person with the total time ("19m 26s", "1h 2m").
 */
const SECTION = /^\d+\.\s*\S/;
const SUMMARY = ["1. Summary", "1. 要約", "1. 概要", "1. 会議の概要"];
const PARTICIPANTS = ["2. Participants", "2. 参加者"];
const NAME = ["Name", "Full Name", "名前", "氏名"];
// Header cells are compared without spaces, so "メール アドレス" is "メールアドレス".
const EMAIL = ["Email", "Email address", "メール", "メール アドレス", "電子メール", "電子メール アドレス"];
const UPN = ["Participant ID (UPN)", "参加者 ID (UPN)", "参加者ID(UPN)"];
const DURATION = [
  "In-meeting duration",
  "In-Meeting Duration",
  "会議の長さ",
  "会議中の時間",
  "出席時間",
  "Duration",
  "期間",
];

const GUEST_MARK = /\s*[(（]\s*(external|guest|外部|ゲスト)\s*[)）]\s*$/i;

function sectionStart(rows: Table): number {
  return rows.findIndex((row) => row.length > 0 && columnOf([row[0]!], ...PARTICIPANTS) === 0);
}

export function looksLikeTeams(rows: Table): boolean {
  return sectionStart(rows) >= 0;
}

/** Teams' older list ("Full Name / User Action / Timestamp", one line per Joined/Left), no durations. */
export function looksLikeOldTeamsList(rows: Table): boolean {
  return rows.some((row) => columnOf(row, "User Action", "ユーザー操作") >= 0);
}

/** A Teams summary without its participants section (the report was cut, or only the summary copied). */
export function looksLikeTeamsSummaryOnly(rows: Table): boolean {
  return rows.some((row) => row.length > 0 && columnOf([row[0]!], ...SUMMARY) === 0) && sectionStart(rows) < 0;
}

export function readTeamsReport(rows: Table): ParsedAttendanceReport {
  const at = sectionStart(rows);
  const header = rows[at + 1] ?? [];
  const name = columnOf(header, ...NAME);
  const email = columnOf(header, ...EMAIL);
  const upn = columnOf(header, ...UPN);
  const duration = columnOf(header, ...DURATION);
  const joins: AttendanceJoin[] = [];
  for (const row of rows.slice(at + 2)) {
    if (SECTION.test(cellText(row[0])) && row.slice(1).every((c) => !c.trim())) break;
    const address = cellText(row[email]) || (upn >= 0 && cellText(row[upn]).includes("@") ? cellText(row[upn]) : "");
    const shown = cellText(row[name]);
    // Teams marks people from outside the organisation "(External)" / "(外部)" or "(Guest)" / "(ゲスト)".
    const marker = GUEST_MARK.exec(shown);
    const bare = marker ? shown.slice(0, marker.index).trim() : "";
    joins.push({
      name: shown,
      // The name without Teams' marker, so that "長崎 花子 (ゲスト)" matches the registration 長崎 花子.
      otherNames: bare ? [bare] : [],
      email: address.toLowerCase(),
      seconds: duration >= 0 ? parseDuration(cellText(row[duration]), "seconds") : null,
      guest: marker !== null,
    });
  }
  const language = /[\u3040-\u30ff\u4e00-\u9fff]/.test(headerKey(rows[at]![0]!)) ? "ja" : "en";
  return { format: "teams", language, participants: mergeJoins(joins) };
}
