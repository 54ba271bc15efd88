import { readTableFile } from "../../files/read-table-file.ts";
import type { Table } from "../../files/csv.ts";
import { AppError } from "../../shared/errors.ts";
import type { AttendanceFormat, ParsedAttendanceReport } from "./participant.ts";
import { looksLikeOldTeamsList, looksLikeTeams, looksLikeTeamsSummaryOnly, readTeamsReport } from "./teams.ts";
import { looksLikeWebex, readWebexReport } from "./webex.ts";
import { looksLikeZoom, looksLikeZoomMeetingList, readZoomReport } from "./zoom.ts";

/** Each vendor's module, tried in this order: Teams and Zoom are recognised by their own marks, Webex is the catch-all. */
const readers: {
  format: AttendanceFormat;
  looksLike: (rows: Table) => boolean;
  read: (rows: Table) => ParsedAttendanceReport;
}[] = [
  { format: "teams", looksLike: looksLikeTeams, read: readTeamsReport },
  { format: "zoom", looksLike: looksLikeZoom, read: readZoomReport },
  { format: "webex", looksLike: looksLikeWebex, read: readWebexReport },
];

const toolNames: Record<AttendanceFormat, string> = { zoom: "Zoom", teams: "Microsoft Teams", webex: "Webex" };

/** A file that is no participants report: what it looks like, so the message can say so. */
function refuse(rows: Table, field: string): never {
  const code = looksLikeZoomMeetingList(rows)
    ? "events-attendance-zoom-meeting-list"
    : looksLikeOldTeamsList(rows)
      ? "events-attendance-teams-old-list"
      : looksLikeTeamsSummaryOnly(rows)
        ? "events-attendance-teams-summary-only"
        : "events-attendance-unknown-format";
  const firstRow = (rows[0] ?? [])
    .filter((c) => c.trim())
    .slice(0, 6)
    .join(", ")
    .slice(0, 120);
  throw new AppError("validation-failed", { fields: [{ field, code, params: { header: firstRow || "—" } }] });
}

/**
 * An online tool's participants report as participants, one per person: the file read through
 * core/files (CSV or TSV in UTF-8 with or without a BOM, UTF-16 or CP932; or XLSX), its vendor
 * recognised (or `format` as the caller says), its joins merged. A refusal names `field`.
 */
export async function readAttendanceReport(
  bytes: Uint8Array,
  field: string,
  format?: AttendanceFormat,
): Promise<ParsedAttendanceReport> {
  const rows = (await readTableFile(bytes, field)).map((row) => row.map((cell) => cell.replace(/^\uFEFF/, "")));
  const found = readers.find((r) => r.looksLike(rows));
  // The secretariat chose a tool and the file is another's: say which it looks like.
  if (format && found && found.format !== format)
    throw new AppError("validation-failed", {
      fields: [
        {
          field,
          code: "events-attendance-other-format",
          params: { chosen: toolNames[format], found: toolNames[found.format] },
        },
      ],
    });
  const reader = found;
  if (!reader) refuse(rows, field);
  const report = reader.read(rows);
  if (report.participants.length === 0)
    throw new AppError("validation-failed", { fields: [{ field, code: "events-attendance-no-participants" }] });
  return report;
}
