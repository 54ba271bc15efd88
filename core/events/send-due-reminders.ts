import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { EventsDeps } from "./deps.ts";
import { mailRegistrant } from "./seat-allocation.ts";

/**
 * Queues the reminder mail for every confirmed registrant of events starting within `withinHours`
 * (default 24) that has not had one. Safe to run as often as wanted, from any number of
 * processes: the outbox keeps one reminder per registration (dedupe key) and `reminded_at` is set
 * in the same transaction. Run by `npx chiiki events remind` (e.g. hourly from cron).
 */
export async function sendDueReminders(
  deps: EventsDeps,
  actor: Actor,
  options: { withinHours?: number } = {},
): Promise<{ events: number; reminded: number }> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + (options.withinHours ?? 24) * 3_600_000).toISOString();
  const due = await deps.db
    .selectFrom("events")
    .select(["id"])
    .where("status", "=", "published")
    .where("starts_at", ">", now.toISOString())
    .where("starts_at", "<=", until)
    .execute();
  let reminded = 0;
  for (const event of due) {
    reminded += await deps.db.transaction().execute(async (trx) => {
      const registrations = await trx
        .selectFrom("registrations")
        .selectAll()
        .where("event_id", "=", event.id)
        .where("status", "=", "confirmed")
        .where("reminded_at", "is", null)
        .execute();
      for (const registration of registrations) {
        await mailRegistrant(trx, deps, registration, "reminder", { dedupeKey: `event-reminder:${registration.id}` });
      }
      if (registrations.length) {
        await trx
          .updateTable("registrations")
          .set({ reminded_at: now.toISOString() })
          .where(
            "id",
            "in",
            registrations.map((r) => r.id),
          )
          .execute();
        await recordAuditEvent(trx, deps.clock, actor, {
          action: "event.reminders.send",
          entityType: "event",
          entityId: event.id,
          after: { count: registrations.length },
        });
      }
      return registrations.length;
    });
  }
  if (reminded) deps.onMailQueued?.();
  return { events: due.length, reminded };
}
