import type { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { attendanceCommitSchema } from "./attendance/attendance-input.ts";
import { normaliseName } from "./attendance/participant.ts";
import { loadMatchableRegistrations } from "./attendance/registrations.ts";
import type { EventsDeps } from "./deps.ts";
import { newTicketCode, registrationToken, registrationTokenHash } from "./registration-links.ts";

export interface AttendanceCommitResult {
  /** Registrations newly marked as attended online. */
  marked: number;
  /** Registrations that were marked already (the same report imported again). */
  alreadyMarked: number;
  /** People recorded as walk-ins (attended, not registered). */
  walkIns: number;
  /** Rows or registrations under the minimum time: left as they were. */
  short: number;
  /** Rows the secretariat left out. */
  skipped: number;
}

/**
 * Step 2 of the import: the preview's rows with the secretariat's decisions. In one transaction,
 * marks each chosen registration attended online when its rows add up to the minimum (its
 * minutes are kept), and records walk-ins on the event's online seat type. A decision naming a
 * registration that is not this event's refuses the whole import (422 on `rows.<i>.decision`),
 * nothing written. Importing the same rows again changes nothing.
 */
export async function commitAttendanceImport(
  deps: EventsDeps,
  actor: Actor,
  eventId: string,
  input: z.input<typeof attendanceCommitSchema>,
): Promise<AttendanceCommitResult> {
  requireSecretariat(actor);
  const { minimumMinutes, rows } = parseInput(attendanceCommitSchema, input);
  const event = await deps.db.selectFrom("events").select("id").where("id", "=", eventId).executeTakeFirst();
  if (!event) throw new AppError("not-found");
  const onlineSeat = await deps.db
    .selectFrom("event_seat_types")
    .select("key")
    .where("event_id", "=", eventId)
    .where("online", "=", 1)
    .orderBy("position")
    .executeTakeFirst();
  const enough = (seconds: number | null) => seconds === null || seconds >= minimumMinutes * 60;

  return deps.db.transaction().execute(async (trx) => {
    const registrations = await loadMatchableRegistrations(trx, eventId);
    const byId = new Map(registrations.map((r) => [r.id, r]));
    const issues: FieldIssue[] = [];
    const totals = new Map<string, number | null>();
    const walkIns: typeof rows = [];
    let skipped = 0;
    let short = 0;
    rows.forEach((row, i) => {
      if (row.decision === "skip") skipped++;
      else if (row.decision === "walk-in") {
        if (!onlineSeat) issues.push({ field: `rows.${i}.decision`, code: "events-attendance-no-online-seat" });
        else if (enough(row.seconds)) walkIns.push(row);
        else short++;
      } else {
        const id = row.decision.slice(2);
        if (!byId.has(id)) issues.push({ field: `rows.${i}.decision`, code: "events-attendance-unknown-registration" });
        else {
          const before = totals.has(id) ? totals.get(id)! : null;
          totals.set(id, row.seconds === null ? before : (before ?? 0) + row.seconds);
        }
      }
    });
    if (issues.length) throw new AppError("validation-failed", { fields: issues });

    const now = deps.clock.now().toISOString();
    let marked = 0;
    let alreadyMarked = 0;
    for (const [id, seconds] of totals) {
      if (!enough(seconds)) {
        short++;
        continue;
      }
      const registration = byId.get(id)!;
      const minutes = seconds === null ? registration.onlineMinutes : Math.floor(seconds / 60);
      if (registration.attendedOnline) alreadyMarked++;
      else marked++;
      if (registration.attendedOnline && registration.onlineMinutes === minutes) continue;
      await trx
        .updateTable("registrations")
        .set({ attended_online: 1, online_minutes: minutes, updated_at: now })
        .where("id", "=", id)
        .execute();
    }

    // A walk-in already recorded (by address, else by name) is not recorded twice.
    const known = new Set(
      registrations.filter((r) => r.walkIn).flatMap((r) => [r.email && `e:${r.email}`, `n:${normaliseName(r.name)}`]),
    );
    const fresh = walkIns.filter((w) => {
      const keys = w.email ? [`e:${w.email.toLowerCase()}`] : [`n:${normaliseName(w.name)}`];
      if (keys.some((k) => known.has(k))) return false;
      for (const k of keys) known.add(k);
      return true;
    });
    if (fresh.length) {
      const { registration_sequence: last } = await trx
        .updateTable("events")
        .set((eb) => ({ registration_sequence: eb("registration_sequence", "+", fresh.length) }))
        .where("id", "=", eventId)
        .returning("registration_sequence")
        .executeTakeFirstOrThrow();
      const values = fresh.map((w, i) => {
        const id = newId(deps.clock.now().getTime());
        return {
          id,
          event_id: eventId,
          seat_type_key: onlineSeat!.key,
          status: "confirmed",
          name: w.name || w.email,
          email: w.email ? w.email.toLowerCase() : `walk-in-${id.toLowerCase()}@walk-in.invalid`,
          organisation_id: null,
          organisation_name: null,
          sector: null,
          person_id: null,
          user_id: null,
          answers_json: "{}",
          arrival_sequence: Number(last) - fresh.length + 1 + i,
          ticket_code: newTicketCode(),
          token_hash: registrationTokenHash(registrationToken(deps.secret, id)),
          checked_in_at: null,
          attended_online: 1,
          online_minutes: w.seconds === null ? null : Math.floor(w.seconds / 60),
          walk_in: 1,
          created_at: now,
          updated_at: now,
        };
      });
      for (let i = 0; i < values.length; i += 100)
        await trx
          .insertInto("registrations")
          .values(values.slice(i, i + 100))
          .execute();
    }
    const result = { marked, alreadyMarked, walkIns: fresh.length, short, skipped };
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "event.attendance.import",
      entityType: "event",
      entityId: eventId,
      after: { rows: rows.length, minimumMinutes, ...result },
    });
    return result;
  });
}
