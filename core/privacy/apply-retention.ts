import { sql } from "kysely";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { PrivacyDeps } from "./deps.ts";
import { erasedRegistration } from "./erase-subject.ts";
import { erasedName, subjectRef } from "./pseudonym.ts";
import { getRetentionSettings } from "./retention-settings.ts";

const worker: Actor = { kind: "system", name: "privacy-worker" };
const RUN_KEY = "privacy.retention.last_run";
const DAY_MS = 24 * 60 * 60_000;
/** Retention runs at most this often, whichever process gets there first. */
export const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Rows per run and kind, so one run stays a short transaction; the next run takes the rest. */
const BATCH = 500;

export interface RetentionRun {
  /** false when another process ran it within the interval. */
  ran: boolean;
  registrations: number;
  downloads: number;
  mails: number;
}

/**
 * Applies the retention settings. Every app process calls this; a claim on one app_settings row
 * (a conditional update, atomic on both databases) lets one process run it per interval, and each
 * step is idempotent besides, so a run that overlaps another changes nothing twice.
 */
export async function applyRetention(deps: PrivacyDeps): Promise<RetentionRun> {
  const now = deps.clock.now();
  if (!(await claimRun(deps, now))) return { ran: false, registrations: 0, downloads: 0, mails: 0 };
  const settings = await getRetentionSettings(deps.db);
  const yearsAgo = (years: number) =>
    new Date(Date.UTC(now.getUTCFullYear() - years, now.getUTCMonth(), now.getUTCDate())).toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom("registrations")
      .innerJoin("events", "events.id", "registrations.event_id")
      .select(["registrations.id", "registrations.email"])
      .where("events.ends_at", "<", yearsAgo(settings.registrationYears))
      .where("registrations.email", "not like", "erased-%@invalid")
      .limit(BATCH)
      .execute();
    for (const r of stale) {
      await trx
        .updateTable("registrations")
        .set(
          erasedRegistration(
            deps.secret,
            erasedName(subjectRef(deps.secret, r.email)),
            r.email,
            r.id,
            now.toISOString(),
          ),
        )
        .where("id", "=", r.id)
        .execute();
    }
    const downloads = await trx
      .deleteFrom("sharing_downloads")
      .where("at", "<", yearsAgo(settings.downloadYears))
      .executeTakeFirst();
    const oldMail = trx
      .selectFrom("outbox_messages")
      .select("id")
      .where("created_at", "<", new Date(now.getTime() - settings.outboxDays * DAY_MS).toISOString())
      .where("status", "in", ["sent", "failed"])
      .where((eb) =>
        eb.or([eb("text_body", "!=", ""), eb("html_body", "is not", null), eb("attachments_json", "is not", null)]),
      )
      .limit(BATCH);
    const mails = await trx
      .updateTable("outbox_messages")
      .set({ text_body: "", html_body: null, attachments_json: null })
      .where("id", "in", sql<string>`(${oldMail})`)
      .executeTakeFirst();
    const run = {
      ran: true,
      registrations: stale.length,
      downloads: Number(downloads.numDeletedRows),
      mails: Number(mails.numUpdatedRows),
    };
    if (run.registrations + run.downloads + run.mails > 0) {
      await recordAuditEvent(trx, deps.clock, worker, {
        action: "privacy.retention-apply",
        entityType: "app-settings",
        after: { ...run, settings },
      });
    }
    return run;
  });
}

async function claimRun(deps: PrivacyDeps, now: Date): Promise<boolean> {
  const iso = now.toISOString();
  const inserted = await deps.db
    .insertInto("app_settings")
    .values({ key: RUN_KEY, value: iso })
    .onConflict((oc) => oc.column("key").doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  const claimed = await deps.db
    .updateTable("app_settings")
    .set({ value: iso })
    .where("key", "=", RUN_KEY)
    .where("value", "<=", new Date(now.getTime() - RETENTION_INTERVAL_MS).toISOString())
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
