import type { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { attendancePreviewSchema } from "./attendance/attendance-input.ts";
import { type MatchedParticipant, matchAttendance } from "./attendance/match-attendance.ts";
import type { AttendanceFormat } from "./attendance/participant.ts";
import { readAttendanceReport } from "./attendance/read-attendance-report.ts";
import { loadMatchableRegistrations } from "./attendance/registrations.ts";
import type { EventsDeps } from "./deps.ts";

export interface AttendancePreviewRow extends MatchedParticipant {
  /** What step 2 does unless the secretariat changes it: the match, else nothing. */
  decision: string;
  /** The matched registration is already marked attended online (an import done before). */
  alreadyMarked: boolean;
}

export interface AttendancePreview {
  format: AttendanceFormat;
  language: "ja" | "en";
  minimumMinutes: number;
  rows: AttendancePreviewRow[];
  counts: { matched: number; ambiguous: number; unmatched: number; short: number };
  /** The event's live registrations, for matching a row by hand. */
  registrations: { id: string; name: string; email: string; organisationName: string | null; walkIn: boolean }[];
}

/**
 * Step 1 of the import: reads the report (any vendor core/events/attendance knows, any encoding
 * core/files reads) and matches it to the event's registrations. Writes nothing; step 2
 * (`commitAttendanceImport`) takes the rows with the secretariat's decisions.
 */
export async function previewAttendanceImport(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: z.input<typeof attendancePreviewSchema> & { file?: Uint8Array | null },
): Promise<AttendancePreview> {
  requireSecretariat(actor);
  const { format, minimumMinutes } = parseInput(attendancePreviewSchema, {
    format: input.format || undefined,
    minimumMinutes: input.minimumMinutes === "" ? undefined : input.minimumMinutes,
  });
  if (!input.file?.byteLength)
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
  const event = await deps.db.selectFrom("events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  const report = await readAttendanceReport(input.file, "file", format);
  const registrations = await loadMatchableRegistrations(deps.db, eventId);
  const byId = new Map(registrations.map((r) => [r.id, r]));
  const rows = matchAttendance(report.participants, registrations, minimumMinutes).map((row) => ({
    ...row,
    decision: row.registrationId ? `r:${row.registrationId}` : "skip",
    alreadyMarked: Boolean(row.registrationId && byId.get(row.registrationId)?.attendedOnline),
  }));
  const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
  return {
    format: report.format,
    language: report.language,
    minimumMinutes,
    rows,
    counts: {
      matched: count("matched"),
      ambiguous: count("ambiguous"),
      unmatched: count("unmatched"),
      short: rows.filter((r) => !r.longEnough).length,
    },
    registrations: registrations.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisationName: r.organisationName,
      walkIn: r.walkIn,
    })),
  };
}
