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

/** Every file handed out is logged (who, when, what, how), in the audit log and the download log. */
export async function recordDownload(db: Kysely<DB>, clock: Clock, actor: Actor, viewer: SharingViewer, record: DownloadRecord): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("sharing_downloads")
      .values({
        id: newId(clock.now().getTime()),
        subject_type: record.subjectType,
        subject_id: record.subjectId,
        mode: record.mode,
        user_id: viewer.userId,
        actor_label: actorLabel(actor),
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
