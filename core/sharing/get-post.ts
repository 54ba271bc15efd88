import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess, type Viewer } from "./decide-access.ts";
import { redactAudience } from "./list-posts.ts";
import { postSubject, postView, type PostAttachmentView, type PostView } from "./posts.ts";

/** One post with its attachments, if the viewer may see it; otherwise not-found (existence is not revealed). */
export async function getPost(
  db: Kysely<DB>,
  viewer: Viewer,
  id: string,
): Promise<PostView & { attachments: PostAttachmentView[] }> {
  const row = await db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const post = postView(row);
  if (!decideAccess(viewer, postSubject(post)).allowed) throw new AppError("not-found");
  const attachments = await db
    .selectFrom("post_attachments")
    .select(["id", "file_name", "content_type", "size_bytes"])
    .where("post_id", "=", id)
    .orderBy("uploaded_at")
    .execute();
  return {
    ...redactAudience(viewer, post),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      contentType: a.content_type,
      sizeBytes: a.size_bytes,
    })),
  };
}
