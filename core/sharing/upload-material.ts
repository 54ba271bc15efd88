import { z } from "zod";
import { newId } from "../../db/ids.ts";
import {
  type Actor,
  authorOf,
  hasRole,
  isSecretariat,
  requireSecretariat,
  requireSignedIn,
} from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "./deps.ts";
import type { MaterialKind } from "./materials.ts";
import { queueConsentRequest } from "./request-material-consent.ts";
import {
  checkUpload,
  cleanFileName,
  discardStoredUpload,
  storeUpload,
  type UploadedFile,
  type UploadKind,
} from "./store-upload.ts";

export const materialInputSchema = z.object({
  eventId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  sessionId: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || null),
  title: z.string().trim().min(1).max(200),
  speakerName: z.string().trim().min(1).max(100),
  speakerEmail: z
    .email()
    .max(254)
    .optional()
    .or(z.literal(""))
    .transform((v) => (v ? v.toLowerCase() : null)),
});

const kindOfUpload: Record<UploadKind, MaterialKind> = { pdf: "pdf", pptx: "slides", video: "video", image: "slides" };

/**
 * The secretariat or the talk's speaker uploads slides, a PDF or the video (bytes, or a file the
 * web layer streamed to disk). Nothing is shown beyond the organisers until the speaker consents,
 * so the consent request is mailed at once. If the record cannot be written, the stored file goes too.
 */
export async function uploadMaterial(
  deps: SharingDeps,
  actor: Actor,
  input: unknown,
  file: UploadedFile,
): Promise<{ id: string }> {
  requireSignedIn(actor);
  const material = parseInput(materialInputSchema, input);
  const speakerUpload =
    !isSecretariat(actor) &&
    material.eventId !== null &&
    hasRole(actor, "speaker", material.eventId) &&
    actor.kind === "user";
  if (!speakerUpload) requireSecretariat(actor);
  // A speaker uploads as themselves: the consent link goes to their own address.
  const speakerEmail = speakerUpload && actor.kind === "user" ? actor.email.toLowerCase() : material.speakerEmail;
  if (material.eventId) {
    const event = await deps.db.selectFrom("events").select("id").where("id", "=", material.eventId).executeTakeFirst();
    if (!event)
      throw new AppError("validation-failed", { fields: [{ field: "eventId", code: "sharing-unknown-event" }] });
  }
  const checked = await checkUpload(
    file,
    ["pdf", "pptx", "video"],
    deps.maxUploadBytes ? { maxBytes: { video: deps.maxUploadBytes } } : {},
  );
  const id = newId(deps.clock.now().getTime());
  const storageKey = await storeUpload(deps.storage, "materials", id, checked, file);
  const fileName = cleanFileName(file.name, `material.${checked.extension}`);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("talk_materials")
        .values({
          id,
          event_id: material.eventId,
          session_id: material.sessionId,
          title: material.title,
          kind: kindOfUpload[checked.kind],
          file_name: fileName,
          content_type: checked.contentType,
          size_bytes: checked.sizeBytes,
          storage_key: storageKey,
          speaker_name: material.speakerName,
          speaker_email: speakerEmail,
          consent_token_hash: null,
          consent_requested_at: null,
          uploaded_by: authorOf(actor),
          uploaded_at: deps.clock.now().toISOString(),
        })
        .execute();
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "material.upload",
        entityType: "material",
        entityId: id,
        after: { title: material.title, fileName, contentType: checked.contentType },
      });
      if (speakerEmail) await queueConsentRequest({ ...deps, db: trx }, actor, id);
    })
    .catch(async (error: unknown) => {
      await discardStoredUpload(deps.storage, storageKey);
      throw error;
    });
  deps.onMailQueued?.();
  return { id };
}
