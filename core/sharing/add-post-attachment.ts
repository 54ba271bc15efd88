import { newId } from "../../db/ids.ts";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import type { SharingDeps } from "./deps.ts";
import { checkUpload, cleanFileName, discardStoredUpload, storeUpload, type UploadedFile } from "./store-upload.ts";

/** Attaches a PDF, PPTX or image (bytes, or a streamed file) to a post, checked by its content and size. */
export async function addPostAttachment(
  deps: Pick<SharingDeps, "db" | "clock" | "storage">,
  actor: Actor,
  postId: string,
  file: UploadedFile,
): Promise<{ id: string }> {
  requireSecretariat(actor);
  const post = await deps.db.selectFrom("posts").select("id").where("id", "=", postId).executeTakeFirst();
  if (!post) throw new AppError("not-found");
  const checked = await checkUpload(file, ["pdf", "pptx", "image"]);
  const id = newId(deps.clock.now().getTime());
  const storageKey = await storeUpload(deps.storage, "posts", id, checked, file);
  const fileName = cleanFileName(file.name, `attachment.${checked.extension}`);
  await deps.db
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("post_attachments")
        .values({
          id,
          post_id: postId,
          file_name: fileName,
          content_type: checked.contentType,
          size_bytes: checked.sizeBytes,
          storage_key: storageKey,
          uploaded_by: authorOf(actor),
          uploaded_at: deps.clock.now().toISOString(),
        })
        .execute();
      await recordAuditEvent(trx, deps.clock, actor, {
        action: "post.attach",
        entityType: "post",
        entityId: postId,
        after: { attachmentId: id, fileName, contentType: checked.contentType, sizeBytes: checked.sizeBytes },
      });
    })
    .catch(async (error: unknown) => {
      await discardStoredUpload(deps.storage, storageKey);
      throw error;
    });
  return { id };
}
