import type { Kysely } from "kysely";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import { actorLabel, type Actor } from "../accounts/actor.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";

export const agreementRecord = z
  .object({
    id: z.string(),
    title: z.string(),
    purpose: z.string().nullable(),
    signedOn: z.string().nullable(),
    status: z.string(),
    endedOn: z.string().nullable(),
    notes: z.string().nullable(),
    parties: z.array(
      z.object({
        organisationId: z.string(),
        organisationName: z.string(),
        sector: z.string(),
        signatoryTitle: z.string().nullable(),
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        contentType: z.string(),
        sizeBytes: z.number(),
        uploadedAt: z.string(),
      }),
    ),
    history: z.array(z.object({ at: z.string(), actorLabel: z.string(), change: z.string(), details: z.unknown() })),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "Agreement" });
export type AgreementRecord = z.infer<typeof agreementRecord>;

export async function loadAgreement(db: Kysely<DB>, id: string): Promise<AgreementRecord> {
  const row = await db.selectFrom("agreements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const [parties, attachments, history] = await Promise.all([
    db
      .selectFrom("agreement_parties")
      .innerJoin("organisations", "organisations.id", "agreement_parties.organisation_id")
      .select([
        "agreement_parties.organisation_id as organisationId",
        "organisations.name as organisationName",
        "organisations.sector",
        "agreement_parties.signatory_title as signatoryTitle",
      ])
      .where("agreement_id", "=", id)
      .orderBy("agreement_parties.position")
      .execute(),
    db
      .selectFrom("agreement_attachments")
      .select([
        "id",
        "file_name as fileName",
        "content_type as contentType",
        "size_bytes as sizeBytes",
        "uploaded_at as uploadedAt",
      ])
      .where("agreement_id", "=", id)
      .orderBy("uploaded_at")
      .execute(),
    db.selectFrom("agreement_history").selectAll().where("agreement_id", "=", id).orderBy("at").orderBy("id").execute(),
  ]);
  return {
    id: row.id,
    title: row.title,
    purpose: row.purpose,
    signedOn: row.signed_on,
    status: row.status,
    endedOn: row.ended_on,
    notes: row.notes,
    parties,
    attachments: attachments.map((a) => ({ ...a, sizeBytes: Number(a.sizeBytes) })),
    history: history.map((h) => ({
      at: h.at,
      actorLabel: h.actor_label,
      change: h.change,
      details: h.details_json ? JSON.parse(h.details_json) : null,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The agreement's own history, shown on its page (the audit log keeps the full before/after too). */
export async function recordAgreementHistory(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
  agreementId: string,
  change: string,
  details: unknown,
): Promise<void> {
  await db
    .insertInto("agreement_history")
    .values({
      id: newId(clock.now().getTime()),
      agreement_id: agreementId,
      at: clock.now().toISOString(),
      actor_label: actorLabel(actor),
      change,
      details_json: details === undefined ? null : JSON.stringify(details),
    })
    .execute();
}
