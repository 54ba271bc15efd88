import { z } from "zod";
import type { Kysely } from "kysely";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { parseInput } from "../shared/validation.ts";
import { decideAccess, tlpLevels, type Viewer } from "./decide-access.ts";
import { postKinds, postSubject, postView, type PostView } from "./posts.ts";

export const listPostsQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.enum(postKinds).optional(),
  tlp: z.enum(tlpLevels).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  offset: z.coerce.number().int().min(0).default(0),
});

/**
 * The posts a viewer may see, newest first. Every candidate passes decideAccess before paging,
 * so neither the items nor the total reveal a post the viewer may not see. A community holds
 * hundreds of posts, not millions: filtering in process keeps the one rule in one place.
 */
export async function listPosts(
  db: Kysely<DB>,
  viewer: Viewer,
  query: unknown = {},
  options: { publishedOnly?: boolean } = {},
): Promise<{ items: PostView[]; total: number }> {
  const { q, kind, tlp, limit, offset } = parseInput(listPostsQuerySchema, query);
  let select = db.selectFrom("posts").selectAll();
  if (!viewer.secretariat || options.publishedOnly) select = select.where("status", "=", "published");
  if (kind) select = select.where("kind", "=", kind);
  if (tlp) select = select.where("tlp", "=", tlp);
  if (q) select = select.where(containsInsensitive("search_text", q.normalize("NFKC")));
  const rows = await select
    .orderBy("published_at", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
  const visible = rows.map(postView).filter((post) => decideAccess(viewer, postSubject(post)).allowed);
  return { items: visible.slice(offset, offset + limit).map((p) => redactAudience(viewer, p)), total: visible.length };
}

/** Who else received an AMBER or RED post is the organisers' business. */
export function redactAudience(viewer: Viewer, post: PostView): PostView {
  return viewer.secretariat ? post : { ...post, audience: { organisations: [], people: [] } };
}
