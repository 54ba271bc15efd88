import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { sharedFileNames, type SharedSource } from "./shared-from-communities.ts";

/**
 * The download log for the secretariat, newest first, with what each row was about. With
 * `shared`, a download of a file another community shared with this one is named too (ADR 038).
 */
export async function listDownloads(
  db: Kysely<DB>,
  actor: Actor,
  filter: { subjectId?: string; limit?: number } = {},
  shared?: SharedSource,
) {
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
  const unnamed = rows.filter((r) => !r.materialTitle && !r.attachmentName);
  const sharedNames =
    shared && unnamed.length > 0
      ? await sharedFileNames(shared, {
          attachments: unnamed.filter((r) => r.subjectType === "post-attachment").map((r) => r.subjectId),
          materials: unnamed.filter((r) => r.subjectType === "material").map((r) => r.subjectId),
        })
      : new Map<string, string>();
  return rows.map(({ attachmentName, materialTitle, ...row }) => ({
    ...row,
    what: materialTitle ?? attachmentName ?? sharedNames.get(row.subjectId) ?? row.subjectId,
  }));
}
