import { z } from "zod";
import type { Kysely } from "kysely";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { anonymous } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { consentScopes } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import { consentsOf, materialView, type MaterialView } from "./materials.ts";

async function materialByToken(db: Kysely<DB>, token: string) {
  const row = await db
    .selectFrom("talk_materials")
    .selectAll()
    .where("consent_token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return row;
}

/** What the speaker sees behind the mailed link: the material and the consent in force. */
export async function getConsentRequest(db: Kysely<DB>, token: string): Promise<MaterialView> {
  const row = await materialByToken(db, token);
  return materialView(row, (await consentsOf(db, [row.id])).get(row.id));
}

export const consentInputSchema = z.object({
  scope: z.enum(consentScopes),
  downloadAllowed: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()),
});

/** The speaker consents through the mailed link; each decision is kept with its time and scope. */
export async function recordMaterialConsent(
  deps: Pick<SharingDeps, "db" | "clock">,
  token: string,
  input: unknown,
): Promise<void> {
  const consent = parseInput(consentInputSchema, input);
  await deps.db.transaction().execute(async (trx) => {
    const row = await materialByToken(trx, token);
    const now = deps.clock.now().toISOString();
    await trx
      .insertInto("material_consents")
      .values({
        id: newId(deps.clock.now().getTime()),
        material_id: row.id,
        scope: consent.scope,
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
      after: { by: row.speaker_email, scope: consent.scope, downloadAllowed: consent.downloadAllowed },
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
