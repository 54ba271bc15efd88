import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess, type Viewer } from "./decide-access.ts";
import { redactAudience, redactShared } from "./list-posts.ts";
import { postSubject, postView, type PostAttachmentView, type PostView } from "./posts.ts";
import { sharedPostAttachments, sharedPostRows, type SharedSource } from "./shared-from-communities.ts";

/**
 * One post with its attachments, if the viewer may see it; otherwise not-found (existence is not
 * revealed). With `shared`, a post another community shared with this one is found too, decided
 * with this community's viewer (ADR 038).
 */
export async function getPost(
  db: Kysely<DB>,
  viewer: Viewer,
  id: string,
  shared?: SharedSource,
): Promise<PostView & { attachments: PostAttachmentView[] }> {
  const row = await db.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return getSharedPost(viewer, id, shared);
  const post = postView(row);
  if (!decideAccess(viewer, postSubject(post)).allowed) throw new AppError("not-found");
  const attachments = await db
    .selectFrom("post_attachments")
    .select(["id", "file_name", "content_type", "size_bytes"])
    .where("post_id", "=", id)
    .orderBy("uploaded_at")
    .execute();
  return { ...redactAudience(viewer, post), attachments: attachments.map(attachmentView) };
}

async function getSharedPost(viewer: Viewer, id: string, shared: SharedSource | undefined) {
  const [row] = shared ? await sharedPostRows(shared, { id }) : [];
  if (!shared || !row) throw new AppError("not-found");
  const post = postView(row, row.origin);
  if (!decideAccess(viewer, postSubject(post)).allowed) throw new AppError("not-found");
  const attachments = await sharedPostAttachments(shared, row);
  return { ...redactShared(post), attachments: attachments.map(attachmentView) };
}

function attachmentView(a: { id: string; file_name: string; content_type: string; size_bytes: number }) {
  return { id: a.id, fileName: a.file_name, contentType: a.content_type, sizeBytes: a.size_bytes };
}
