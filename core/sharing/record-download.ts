import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, actorLabel } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import type { SharingViewer } from "./load-viewer.ts";

export interface DownloadRecord {
  subjectType: "post-attachment" | "material";
  subjectId: string;
  /** download: the file was handed out; view: shown inline (preview, stream) */
  mode: "download" | "view";
  label: string | null;
}

/**
 * Who the log names: for a person, the name the stamp printed (the registry's, see loadViewer)
 * and the account's address; a token or the system by their own label.
 */
export function downloaderLabel(actor: Actor, viewer: SharingViewer): string {
  return actor.kind === "user" ? `${viewer.name} <${actor.email}>` : actorLabel(actor);
}

/** Every file handed out is logged (who, when, what, how), in the audit log and the download log. */
export async function recordDownload(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  viewer: SharingViewer,
  record: DownloadRecord,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sharing_downloads")
      .values({
        id: newId(clock.now().getTime()),
        subject_type: record.subjectType,
        subject_id: record.subjectId,
        mode: record.mode,
        user_id: viewer.userId,
        actor_label: downloaderLabel(actor, viewer),
        organisation_name: viewer.organisationName,
        tlp_label: record.label,
        at: clock.now().toISOString(),
      })
      .execute();
    await recordAuditEvent(trx, clock, actor, {
      action: "material.download",
      entityType: record.subjectType,
      entityId: record.subjectId,
      after: { mode: record.mode, label: record.label, organisation: viewer.organisationName },
    });
  });
}

/** Whether this account's viewing of a subject has been logged since `since`. */
export async function viewLoggedSince(
  db: Kysely<DB>,
  query: { userId: string; subjectId: string; since: Date },
): Promise<boolean> {
  const row = await db
    .selectFrom("sharing_downloads")
    .select("id")
    .where("user_id", "=", query.userId)
    .where("subject_id", "=", query.subjectId)
    .where("at", ">=", query.since.toISOString())
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
