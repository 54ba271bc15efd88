import { z } from "zod";
import type { Kysely } from "kysely";
import { containsInsensitive } from "../../db/dialect.ts";
import type { DB } from "../../db/schema.ts";
import { parseInput } from "../shared/validation.ts";
import { decideAccess, tlpLevels, type Viewer } from "./decide-access.ts";
import { postKinds, postSubject, postView, type PostView } from "./posts.ts";
import { sharedPostRows, type SharedSource } from "./shared-from-communities.ts";

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
 *
 * With `options.shared`, the posts other communities shared with this one are listed too, each
 * decided the same way with this community's viewer (ADR 038), their audience lists never shown.
 */
export async function listPosts(
  db: Kysely<DB>,
  viewer: Viewer,
  query: unknown = {},
  options: { publishedOnly?: boolean; shared?: SharedSource } = {},
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
  const own = rows
    .map((row) => postView(row))
    .filter((post) => decideAccess(viewer, postSubject(post)).allowed)
    .map((p) => redactAudience(viewer, p));
  const needle = q?.normalize("NFKC").toLowerCase();
  const shared = options.shared
    ? (await sharedPostRows(options.shared, { kind, tlp }))
        .filter((row) => !needle || row.search_text.includes(needle))
        .map((row) => postView(row, row.origin))
        .filter((post) => decideAccess(viewer, postSubject(post)).allowed)
        .map(redactShared)
    : [];
  const visible = shared.length === 0 ? own : [...own, ...shared].sort(newestFirst);
  return { items: visible.slice(offset, offset + limit), total: visible.length };
}

/** The order of the list: published, then created, then id, newest first (a draft's null last). */
function newestFirst(a: PostView, b: PostView): number {
  const key = (p: PostView) => [p.publishedAt ?? "", p.createdAt, p.id];
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? 1 : -1;
  return 0;
}

/** Whom the publisher addressed inside its own community is its business alone, whoever asks. */
export function redactShared(post: PostView): PostView {
  return { ...post, audience: { organisations: [], people: [] } };
}

/** Who else received an AMBER or RED post is the organisers' business. */
export function redactAudience(viewer: Viewer, post: PostView): PostView {
  return viewer.secretariat ? post : { ...post, audience: { organisations: [], people: [] } };
}
