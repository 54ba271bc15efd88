import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { insertOrganisationRow, type OrganisationInput } from "./organisation-input.ts";
import { insertPersonRow, type PersonInput } from "./person-input.ts";
import { importTokenHash, type PreviewRow } from "./preview-import.ts";

/**
 * Writes a previewed import: all rows in one transaction, or nothing. A preview with any bad
 * row cannot be confirmed (the file must be fixed and previewed again), and a token works once.
 */
export async function confirmImport(
  deps: CommunityDeps,
  actor: Actor,
  token: string,
): Promise<{ kind: string; created: number }> {
  requireSecretariat(actor);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const pending = await trx
      .selectFrom("community_imports")
      .selectAll()
      .where("token_hash", "=", importTokenHash(String(token)))
      .executeTakeFirst();
    if (!pending || pending.confirmed_at || pending.expires_at < now.toISOString())
      throw new AppError("conflict", { params: { reason: "import-expired" } });
    const rows = JSON.parse(pending.rows_json) as PreviewRow[];
    if (rows.some((r) => r.errors.length > 0 || !r.input))
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "invalid" }] });
    const claimed = await trx
      .updateTable("community_imports")
      .set({ confirmed_at: now.toISOString() })
      .where("id", "=", pending.id)
      .where("confirmed_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new AppError("conflict");
    for (const row of rows) {
      if (pending.kind === "organisations") await insertOrganisationRow(trx, now, row.input as OrganisationInput);
      else await insertPersonRow(trx, now, row.input as PersonInput);
    }
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "community.import",
      entityType: pending.kind,
      after: { rows: rows.length },
    });
    return { kind: pending.kind, created: rows.length };
  });
}
