import { z } from "zod";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { type ConsentMedium, type ConsentRight, consentRights, consentScopes, rightsNeeded } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import { consentsOf, materialView, type MaterialView, mediumOf } from "./materials.ts";

async function materialByToken(db: Kysely<DB>, token: string) {
  const row = await db
    .selectFrom("talk_materials")
    .selectAll()
    .where("consent_token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return row;
}

export interface ConsentRequest {
  material: MaterialView;
  /** what the material is (slides, a recording) and the rights showing it needs */
  medium: ConsentMedium;
  rightsNeeded: readonly ConsentRight[];
  /** the registry groups a speaker may name as the audience */
  groups: { id: string; name: string }[];
}

/** What the speaker sees behind the mailed link: the material, what it needs, and the consent in force. */
export async function getConsentRequest(db: Kysely<DB>, token: string): Promise<ConsentRequest> {
  const row = await materialByToken(db, token);
  const medium = mediumOf(row.kind);
  const groups = await db.selectFrom("groups").select(["id", "name"]).orderBy("reading").orderBy("id").execute();
  return {
    material: materialView(row, (await consentsOf(db, [row.id])).get(row.id)),
    medium,
    rightsNeeded: rightsNeeded[medium],
    groups,
  };
}

const checked = (v: unknown) => v === true || v === "true" || v === "on" || v === "1";

export const consentInputSchema = z
  .object({
    scope: z.enum(consentScopes),
    /** required when scope is `group` */
    groupId: z.preprocess((v) => (v === "" ? null : v), z.string().min(1).max(100).nullable().default(null)),
    /** the rights granted; a form posts one `rights` value per ticked box */
    rights: z.preprocess(
      (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(consentRights)).max(consentRights.length),
    ),
    downloadAllowed: z.preprocess(checked, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "group" && !v.groupId) ctx.addIssue({ code: "custom", path: ["groupId"], message: "required" });
  });

/**
 * The speaker consents through the mailed link: which rights (copyright, portrait rights) they
 * grant for this material's medium, to whom, and whether it may be downloaded. Each decision is
 * kept with its time; the newest one is in force, and a new one replaces it at once.
 */
export async function recordMaterialConsent(
  deps: Pick<SharingDeps, "db" | "clock">,
  token: string,
  input: unknown,
): Promise<void> {
  const consent = parseInput(consentInputSchema, input);
  await deps.db.transaction().execute(async (trx) => {
    const row = await materialByToken(trx, token);
    const groupId = consent.scope === "group" ? consent.groupId : null;
    if (groupId && !(await trx.selectFrom("groups").select("id").where("id", "=", groupId).executeTakeFirst()))
      throw new AppError("validation-failed", { fields: [{ field: "groupId", code: "sharing-unknown-group" }] });
    const rights = consentRights.filter((r) => consent.rights.includes(r));
    const media = [mediumOf(row.kind)];
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto("material_consents")
      .values({
        id: newId(deps.clock.now().getTime()),
        material_id: row.id,
        scope: consent.scope,
        group_id: groupId,
        rights: JSON.stringify(rights),
        media: JSON.stringify(media),
        download_allowed: consent.downloadAllowed ? 1 : 0,
        decided_at: now,
        decided_by: row.speaker_email ?? row.speaker_name,
        withdrawn_at: null,
      })
      .execute();
    await recordAuditEvent(trx, deps.clock, anonymous, {
      action: "material.consent",
      entityType: "material",
      entityId: row.id,
      after: {
        by: row.speaker_email,
        scope: consent.scope,
        groupId,
        rights,
        media,
        downloadAllowed: consent.downloadAllowed,
      },
    });
  });
}

/** The speaker withdraws: the material falls back to the organisers at once. */
export async function withdrawMaterialConsent(deps: Pick<SharingDeps, "db" | "clock">, token: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await materialByToken(trx, token);
    const current = await trx
      .selectFrom("material_consents")
      .select(["id", "withdrawn_at"])
      .where("material_id", "=", row.id)
      .orderBy("decided_at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst();
    if (!current || current.withdrawn_at) return;
    await trx
      .updateTable("material_consents")
      .set({ withdrawn_at: deps.clock.now().toISOString() })
      .where("id", "=", current.id)
      .execute();
    await recordAuditEvent(trx, deps.clock, anonymous, {
      action: "material.consent-withdraw",
      entityType: "material",
      entityId: row.id,
      after: { by: row.speaker_email },
    });
  });
}
