import { z } from "zod";
import { newId } from "../../db/ids.ts";
import { type Actor, actorLabel } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { parseInput } from "../shared/validation.ts";
import { requireOrganisationEditor } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { blanksToNull, optionalDate, optionalText } from "./fields.ts";
import { findOrganisationRow } from "./find-organisation-row.ts";
import { getOrganisationPosture, type OrganisationPosture } from "./get-organisation-posture.ts";
import { postureKinds, postureLevels } from "./posture-codes.ts";

export const postureInputSchema = z
  .object({
    kind: z.enum(postureKinds),
    level: z.string().trim().min(1),
    /** 宣言ID (SECURITY ACTION), the service's name (お助け隊) or the insurer. */
    reference: optionalText(100),
    since: optionalDate(),
    validUntil: optionalDate(),
    note: optionalText(1000),
  })
  .superRefine((p, ctx) => {
    if (!(postureLevels[p.kind] as readonly string[]).includes(p.level))
      ctx.addIssue({ code: "custom", path: ["level"], message: "field.choice" });
    if (p.since && p.validUntil && p.validUntil < p.since)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "field.community-ends-before-start" });
    if (p.kind === "scs" && p.level !== "none" && !p.validUntil)
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "field.community-posture-valid-until" });
  })
  .meta({ id: "PostureInput" });
export type PostureInput = z.input<typeof postureInputSchema>;

/**
 * Records one fact of an organisation's security posture (a new history row; nothing is
 * overwritten): by the secretariat, or by a member contact for their own organisation.
 */
export async function recordPosture(
  deps: CommunityDeps,
  actor: Actor,
  organisationId: string,
  input: unknown,
): Promise<OrganisationPosture> {
  requireOrganisationEditor(actor, organisationId);
  const data = parseInput(postureInputSchema, blanksToNull(input));
  await deps.db.transaction().execute(async (trx) => {
    await findOrganisationRow(trx, organisationId);
    const id = newId(deps.clock.now().getTime());
    const row = {
      id,
      organisation_id: organisationId,
      kind: data.kind,
      level: data.level,
      reference: data.reference ?? null,
      since: data.since ?? null,
      valid_until: data.validUntil ?? null,
      note: data.note ?? null,
      recorded_by: actorLabel(actor),
      recorded_at: deps.clock.now().toISOString(),
    };
    await trx.insertInto("organisation_posture").values(row).execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "organisation.posture",
      entityType: "organisation",
      entityId: organisationId,
      after: {
        kind: row.kind,
        level: row.level,
        reference: row.reference,
        since: row.since,
        validUntil: row.valid_until,
      },
    });
  });
  return getOrganisationPosture(deps, actor, organisationId);
}
