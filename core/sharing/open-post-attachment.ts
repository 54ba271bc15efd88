import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { decideAccess } from "./decide-access.ts";
import type { SharingDeps } from "./deps.ts";
import type { SharingViewer } from "./load-viewer.ts";
import { postSubject, postView } from "./posts.ts";
import { recordDownload } from "./record-download.ts";
import { stampFor, stampStoredPdf } from "./open-material.ts";
import { sharedPostAttachments, sharedPostRows } from "./shared-from-communities.ts";
import { readStoredFile } from "./store-upload.ts";

export interface OpenedFile {
  bytes: Uint8Array;
  contentType: string;
  fileName: string;
}

/**
 * Hands out one attachment of a post, decided per request: the post's marking governs its files.
 * The hand-out is logged; a PDF is stamped with the downloader and the TLP label. An attachment of
 * a post another community shared with this one is decided, stamped and logged here the same way,
 * in this community's log (ADR 038).
 */
export async function openPostAttachment(
  deps: Pick<SharingDeps, "db" | "clock" | "storage" | "shared">,
  actor: Actor,
  viewer: SharingViewer,
  ids: { postId: string; attachmentId: string },
  mode: "download" | "view",
): Promise<OpenedFile> {
  const row = await deps.db
    .selectFrom("post_attachments")
    .innerJoin("posts", "posts.id", "post_attachments.post_id")
    .selectAll("posts")
    .select([
      "post_attachments.file_name",
      "post_attachments.content_type",
      "post_attachments.storage_key",
      "post_attachments.id as attachment_id",
    ])
    .where("post_attachments.id", "=", ids.attachmentId)
    .where("posts.id", "=", ids.postId)
    .executeTakeFirst();
  const found = row
    ? { post: postView(row), file: row }
    : await findSharedAttachment(deps, ids).then((shared) => shared ?? notFound());
  const { post, file } = found;
  if (!decideAccess(viewer, postSubject(post), "download").allowed) throw new AppError("not-found");
  const label = `TLP:${post.tlp}`;
  let bytes: Uint8Array = await readStoredFile(deps.storage, file.storage_key);
  if (file.content_type === "application/pdf") {
    bytes = await stampStoredPdf(bytes, stampFor(viewer, label, deps.clock.now()));
  }
  await recordDownload(deps.db, deps.clock, actor, viewer, {
    subjectType: "post-attachment",
    subjectId: file.attachment_id,
    mode,
    label,
  });
  return { bytes, contentType: file.content_type, fileName: file.file_name };
}

function notFound(): never {
  throw new AppError("not-found");
}

/** The attachment of a post shared with this community, if there is one. */
async function findSharedAttachment(deps: Pick<SharingDeps, "shared">, ids: { postId: string; attachmentId: string }) {
  if (!deps.shared) return undefined;
  const [row] = await sharedPostRows(deps.shared, { id: ids.postId });
  if (!row) return undefined;
  const attachment = (await sharedPostAttachments(deps.shared, row)).find((a) => a.id === ids.attachmentId);
  return attachment
    ? { post: postView(row, row.origin), file: { ...attachment, attachment_id: attachment.id } }
    : undefined;
}
