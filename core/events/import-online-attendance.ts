import { z } from "zod";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { readCsv } from "../files/csv.ts";
import { fileLimits } from "../files/limits.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { EventsDeps } from "./deps.ts";

export const attendanceImportSchema = z.object({
  /** the list as pasted text … */
  csv: z.string().min(1).max(fileLimits.fileBytes).optional(),
  /** … or the exported file's bytes: CSV or TSV, UTF-8, UTF-16 (Teams, Webex) or CP932 */
  file: z.instanceof(Uint8Array).optional(),
});

export interface AttendanceImportResult {
  /** Rows whose e-mail matched a live registration of the event. */
  matched: number;
  /** Registrations newly marked as attended online. */
  marked: number;
  /** Rows that matched nobody: the secretariat checks them by hand. */
  unmatched: { name: string; email: string }[];
}

// Webex: "Name,Email,…" / "表示名,メールアドレス,…"; Zoom: "Name (Original Name),User Email,…".
const EMAIL_HEADER = /e-?mail|メール/i;
const NAME_HEADER = /^name\b|display name|full name|attendee name|名前|氏名|表示名/i;

/**
 * Imports the online tool's attendance list (a Webex, Zoom or Teams participants CSV or TSV, in any
 * encoding core/files reads, whatever its
 * column order: the header row names the e-mail and name columns) and marks the matching
 * registrations as attended online. Matching is by e-mail, case-insensitively; the rest is
 * listed. Importing the same file twice changes nothing the second time.
 */
export async function importOnlineAttendance(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: z.input<typeof attendanceImportSchema>,
): Promise<AttendanceImportResult> {
  requireSecretariat(actor);
  const { csv, file } = parseInput(attendanceImportSchema, input);
  // A refusal names the field the list came in, so the page shows it beside that field.
  const field = file?.byteLength ? "file" : "csv";
  if (!file?.byteLength && !csv)
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "required" }] });
  const { rows } = readCsv(file?.byteLength ? file : csv!, field);
  // Zoom puts a meeting summary above the participant table: use the first row naming an e-mail column.
  const headerIndex = rows.findIndex((r) => r.some((cell) => EMAIL_HEADER.test(cell.trim())));
  if (headerIndex < 0)
    throw new AppError("validation-failed", { fields: [{ field, code: "events-attendance-no-email-column" }] });
  const header = rows[headerIndex]!.map((h) => h.trim());
  const emailColumn = header.findIndex((h) => EMAIL_HEADER.test(h));
  const nameColumn = header.findIndex((h) => NAME_HEADER.test(h));
  const attendees = new Map<string, string>();
  for (const row of rows.slice(headerIndex + 1)) {
    const email = (row[emailColumn] ?? "").trim().toLowerCase();
    const name = nameColumn >= 0 ? (row[nameColumn] ?? "").trim() : "";
    if (email || name) attendees.set(email || `(no e-mail) ${name}`, name);
  }
  const event = await deps.db.selectFrom("events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  return deps.db.transaction().execute(async (trx) => {
    const registrations = await trx
      .selectFrom("registrations")
      .select(["id", "email", "attended_online"])
      .where("event_id", "=", eventId)
      .where("status", "<>", "cancelled")
      .execute();
    const byEmail = new Map(registrations.map((r) => [r.email.toLowerCase(), r]));
    const unmatched: { name: string; email: string }[] = [];
    const toMark: string[] = [];
    let matched = 0;
    for (const [email, name] of attendees) {
      const registration = byEmail.get(email);
      if (!registration) {
        unmatched.push({ name, email: email.startsWith("(no e-mail)") ? "" : email });
        continue;
      }
      matched++;
      if (!registration.attended_online) toMark.push(registration.id);
    }
    for (let i = 0; i < toMark.length; i += 500) {
      await trx
        .updateTable("registrations")
        .set({ attended_online: 1, updated_at: deps.clock.now().toISOString() })
        .where("id", "in", toMark.slice(i, i + 500))
        .execute();
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.attendance.import",
      entityType: "event",
      entityId: eventId,
      after: { rows: attendees.size, matched, marked: toMark.length, unmatched: unmatched.length },
    });
    return { matched, marked: toMark.length, unmatched };
  });
}
