/**
 * The one place that reads across communities for sharing (ADR 038): what other communities of
 * the installation shared with this one. Every other sharing query runs on the community's scoped
 * database; these run on `root` (the installation's), so each names the receiving community
 * itself — `target_community_id = :community` on the share, and the shared row joined on the
 * publisher's own `community_id` — and returns only the post or material and its files, never the
 * publisher's download log, consent history or registry.
 *
 * Only published posts below TLP:RED are read: RED is never shared (set-community-shares.ts
 * refuses it, update-post.ts refuses to raise a shared post to it), and a draft is the
 * publisher's desk. Access inside the receiving community is decided by the callers with
 * decideAccess and the receiving community's viewer (list-posts.ts, get-post.ts, …).
 */
import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";

/** The installation's database and the community reading from it. */
export interface SharedSource {
  root: Kysely<DB>;
  communityId: string;
}

/** The community that published a shared post or material, as the receiving pages name it. */
export interface SharedOrigin {
  slug: string;
  name: string;
  nameEn: string | null;
}

export type SharedPostRow = Row<"posts"> & { origin: SharedOrigin };
export type SharedMaterialRow = Row<"talk_materials"> & { origin: SharedOrigin };

const originOf = (r: { origin_slug: string; origin_name: string; origin_name_en: string | null }): SharedOrigin => ({
  slug: r.origin_slug,
  name: r.origin_name,
  nameEn: r.origin_name_en,
});

/** Posts shared with the source's community (optionally one of them), published and not RED. */
export async function sharedPostRows(
  source: SharedSource,
  filter: { id?: string; kind?: string; tlp?: string } = {},
): Promise<SharedPostRow[]> {
  let query = source.root
    .selectFrom("post_shares")
    .innerJoin("posts", (join) =>
      join.onRef("posts.id", "=", "post_shares.post_id").onRef("posts.community_id", "=", "post_shares.community_id"),
    )
    .innerJoin("communities", "communities.id", "post_shares.community_id")
    .selectAll("posts")
    .select([
      "communities.slug as origin_slug",
      "communities.name as origin_name",
      "communities.name_en as origin_name_en",
    ])
    .where("post_shares.target_community_id", "=", source.communityId)
    .where("post_shares.community_id", "!=", source.communityId)
    .where("posts.status", "=", "published")
    .where("posts.tlp", "!=", "RED");
  if (filter.id) query = query.where("posts.id", "=", filter.id);
  if (filter.kind) query = query.where("posts.kind", "=", filter.kind);
  if (filter.tlp) query = query.where("posts.tlp", "=", filter.tlp);
  const rows = await query.execute();
  return rows.map(({ origin_slug, origin_name, origin_name_en, ...row }) => ({
    ...row,
    origin: originOf({ origin_slug, origin_name, origin_name_en }),
  }));
}

/** The attachments of a post shared with the source's community (the caller decided access to the post). */
export async function sharedPostAttachments(source: SharedSource, post: SharedPostRow) {
  return source.root
    .selectFrom("post_attachments")
    .select(["id", "file_name", "content_type", "size_bytes", "storage_key"])
    .where("post_id", "=", post.id)
    .where("community_id", "=", post.community_id)
    .orderBy("uploaded_at")
    .execute();
}

/** Talk materials shared with the source's community (optionally one), with the consent in force. */
export async function sharedMaterialRows(
  source: SharedSource,
  filter: { id?: string } = {},
): Promise<SharedMaterialRow[]> {
  let query = source.root
    .selectFrom("material_shares")
    .innerJoin("talk_materials", (join) =>
      join
        .onRef("talk_materials.id", "=", "material_shares.material_id")
        .onRef("talk_materials.community_id", "=", "material_shares.community_id"),
    )
    .innerJoin("communities", "communities.id", "material_shares.community_id")
    .selectAll("talk_materials")
    .select([
      "communities.slug as origin_slug",
      "communities.name as origin_name",
      "communities.name_en as origin_name_en",
    ])
    .where("material_shares.target_community_id", "=", source.communityId)
    .where("material_shares.community_id", "!=", source.communityId);
  if (filter.id) query = query.where("talk_materials.id", "=", filter.id);
  const rows = await query.orderBy("talk_materials.uploaded_at", "desc").orderBy("talk_materials.id", "desc").execute();
  return rows.map(({ origin_slug, origin_name, origin_name_en, ...row }) => ({
    ...row,
    origin: originOf({ origin_slug, origin_name, origin_name_en }),
  }));
}

/**
 * The names the download log shows for files of items shared with the source's community (an
 * attachment's file name, a material's title), by id; items no longer shared are left out.
 */
export async function sharedFileNames(
  source: SharedSource,
  ids: { attachments: string[]; materials: string[] },
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.attachments.length > 0) {
    const rows = await source.root
      .selectFrom("post_shares")
      .innerJoin("post_attachments", (join) =>
        join
          .onRef("post_attachments.post_id", "=", "post_shares.post_id")
          .onRef("post_attachments.community_id", "=", "post_shares.community_id"),
      )
      .select(["post_attachments.id", "post_attachments.file_name as name"])
      .where("post_shares.target_community_id", "=", source.communityId)
      .where("post_attachments.id", "in", ids.attachments)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  if (ids.materials.length > 0) {
    const rows = await source.root
      .selectFrom("material_shares")
      .innerJoin("talk_materials", (join) =>
        join
          .onRef("talk_materials.id", "=", "material_shares.material_id")
          .onRef("talk_materials.community_id", "=", "material_shares.community_id"),
      )
      .select(["talk_materials.id", "talk_materials.title as name"])
      .where("material_shares.target_community_id", "=", source.communityId)
      .where("talk_materials.id", "in", ids.materials)
      .execute();
    for (const r of rows) names.set(r.id, r.name);
  }
  return names;
}

/**
 * The publisher's consents of shared materials (the speaker's decision travels with the material:
 * a withdrawal closes it in every receiving community at once). Read by material and publisher.
 */
export function sharedConsentRows(source: SharedSource, materials: SharedMaterialRow[]) {
  if (materials.length === 0) return Promise.resolve([]);
  return source.root
    .selectFrom("material_consents")
    .leftJoin("groups", (join) =>
      join
        .onRef("groups.id", "=", "material_consents.group_id")
        .onRef("groups.community_id", "=", "material_consents.community_id"),
    )
    .selectAll("material_consents")
    .select("groups.name as group_name")
    .where((eb) =>
      eb.or(
        materials.map((m) =>
          eb.and([
            eb("material_consents.material_id", "=", m.id),
            eb("material_consents.community_id", "=", m.community_id),
          ]),
        ),
      ),
    )
    .orderBy("decided_at")
    .orderBy("material_consents.id")
    .execute();
}
