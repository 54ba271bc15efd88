/**
 * Stores the secretariat's edits of a year's narrative blocks. Only real edits are kept: a field
 * left empty, or equal to today's generated default, removes the edit, so the block follows the
 * data again. Audited as `report.edit` with the before and after of each changed block.
 */
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, actorLabel, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { assembleAnnualReport } from "./assemble-annual-report.ts";
import type { ReportsDeps } from "./deps.ts";
import { fiscalYearSchema } from "./fiscal-year-input.ts";
import { narrativeBlocks } from "./report-model.ts";

/** The API's body: block id → text; "" returns the block to its default. */
export const reportEditsBody = z
  .object({
    edits: z.record(z.string().min(1).max(200), z.string().max(20_000, { message: "field.too-long" })),
  })
  .meta({ id: "ReportEdits" });

const schema = reportEditsBody.extend({ fiscalYear: fiscalYearSchema });

export async function saveReportEdits(deps: ReportsDeps, actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  requireSecretariat(actor);
  const { fiscalYear, edits } = parseInput(schema, input);
  const report = await assembleAnnualReport(deps, actor, { fiscalYear });
  const defaults = new Map<string, string>([
    ...narrativeBlocks(report).map((b) => [b.id, b.defaultText] as const),
    ...Object.entries(report.cover.defaults),
  ]);
  const issues = Object.keys(edits)
    .filter((id) => !defaults.has(id))
    .map((field) => ({ field, code: "reports-block" }));
  const issuedOn = edits["cover.issuedOn"]?.trim();
  if (issuedOn && (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn) || Number.isNaN(Date.parse(issuedOn))))
    issues.push({ field: "cover.issuedOn", code: "reports-date" });
  if (issues.length > 0) throw new AppError("validation-failed", { fields: issues });

  const now = deps.clock.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const stored = new Map(
      (
        await trx
          .selectFrom("report_edits")
          .select(["block_id", "text"])
          .where("fiscal_year", "=", fiscalYear)
          .execute()
      ).map((r) => [r.block_id, r.text]),
    );
    const changed: string[] = [];
    for (const [blockId, raw] of Object.entries(edits)) {
      const text = raw.replace(/\r\n/g, "\n").trim();
      const keep = text !== "" && text !== defaults.get(blockId);
      const before = stored.get(blockId);
      if ((keep ? text : undefined) === before) continue;
      await trx
        .deleteFrom("report_edits")
        .where("fiscal_year", "=", fiscalYear)
        .where("block_id", "=", blockId)
        .execute();
      if (keep) {
        await trx
          .insertInto("report_edits")
          .values({
            id: newId(deps.clock.now().getTime()),
            fiscal_year: fiscalYear,
            block_id: blockId,
            text,
            updated_at: now,
            updated_by: actorLabel(actor),
          })
          .execute();
      }
      changed.push(blockId);
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "report.edit",
        entityType: "report",
        entityId: `${fiscalYear}:${blockId}`,
        before: before === undefined ? null : { text: before },
        after: keep ? { text } : null,
      });
    }
    return { changed };
  });
}
