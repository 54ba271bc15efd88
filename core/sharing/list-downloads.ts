import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";

/** The download log for the secretariat, newest first, with what each row was about. */
export async function listDownloads(db: Kysely<DB>, actor: Actor, filter: { subjectId?: string; limit?: number } = {}) {
  requireSecretariat(actor);
  let query = db
    .selectFrom("sharing_downloads")
    .leftJoin("post_attachments", (join) =>
      join
        .onRef("post_attachments.id", "=", "sharing_downloads.subject_id")
        .on("sharing_downloads.subject_type", "=", "post-attachment"),
    )
    .leftJoin("talk_materials", (join) =>
      join
        .onRef("talk_materials.id", "=", "sharing_downloads.subject_id")
        .on("sharing_downloads.subject_type", "=", "material"),
    )
    .select([
      "sharing_downloads.id",
      "sharing_downloads.at",
      "sharing_downloads.actor_label as who",
      "sharing_downloads.organisation_name as organisation",
      "sharing_downloads.mode",
      "sharing_downloads.tlp_label as label",
      "sharing_downloads.subject_type as subjectType",
      "sharing_downloads.subject_id as subjectId",
      "post_attachments.file_name as attachmentName",
      "talk_materials.title as materialTitle",
    ]);
  if (filter.subjectId) query = query.where("sharing_downloads.subject_id", "=", filter.subjectId);
  const rows = await query
    .orderBy("sharing_downloads.at", "desc")
    .orderBy("sharing_downloads.id", "desc")
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(({ attachmentName, materialTitle, ...row }) => ({
    ...row,
    what: materialTitle ?? attachmentName ?? row.subjectId,
  }));
}
