import { newId } from "../../db/ids.ts";
import { type Actor, actorLabel } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { type PostureImportRow, postureImportTokenHash } from "./preview-posture-import.ts";

/**
 * Writes a previewed posture import: every accepted row's changed records, as new history rows
 * naming the batch, in one transaction with the audit record; refused and unchanged rows write
 * nothing. A token works once, within the hour. An organisation deleted or merged since the
 * preview fails the whole commit (preview again): nothing is ever half-written.
 */
export async function commitPostureImport(
  deps: CommunityDeps,
  actor: Actor,
  token: string,
): Promise<{ importId: string; organisations: number; records: number; refused: number }> {
  requireSecretariat(actor);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const batch = await trx
      .selectFrom("posture_imports")
      .selectAll()
      .where("token_hash", "=", postureImportTokenHash(String(token)))
      .executeTakeFirst();
    if (!batch || batch.committed_at || batch.expires_at < now.toISOString())
      throw new AppError("conflict", { params: { reason: "import-expired" } });
    const claimed = await trx
      .updateTable("posture_imports")
      .set({ committed_at: now.toISOString() })
      .where("id", "=", batch.id)
      .where("committed_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError("conflict", { params: { reason: "import-expired" } });
    const rows = JSON.parse(batch.rows_json) as PostureImportRow[];
    const writes = rows.filter((r) => !r.errors.length && r.organisation && r.records.some((x) => !x.unchanged));
    const ids = [...new Set(writes.map((r) => r.organisation!.id))];
    const still = ids.length
      ? await trx
          .selectFrom("organisations")
          .select("id")
          .where("id", "in", ids)
          .where("merged_into_id", "is", null)
          .execute()
      : [];
    if (still.length !== ids.length) throw new AppError("conflict", { params: { reason: "import-changed" } });
    const label = actorLabel(actor);
    let records = 0;
    for (const row of writes) {
      for (const r of row.records.filter((x) => !x.unchanged)) {
        await trx
          .insertInto("organisation_posture")
          .values({
            id: newId(now.getTime()),
            organisation_id: row.organisation!.id,
            kind: r.kind,
            level: r.level,
            reference: r.reference,
            since: r.since,
            valid_until: r.validUntil,
            note: r.note,
            recorded_by: label,
            recorded_at: now.toISOString(),
            import_id: batch.id,
          })
          .execute();
        records++;
      }
    }
    await trx.updateTable("posture_imports").set({ written: records }).where("id", "=", batch.id).execute();
    const refused = rows.filter((r) => r.errors.length).length;
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.posture-import",
      entityType: "posture-import",
      entityId: batch.id,
      after: { organisations: ids.length, records, refused },
    });
    return { importId: batch.id, organisations: ids.length, records, refused };
  });
}
