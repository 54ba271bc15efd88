import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { postView, type PostView } from "../sharing/posts.ts";
import { type SharedSource, sharedPostRows } from "../sharing/shared-from-communities.ts";

/**
 * The post a mailing carries: the community's own, or one another community shared with it (ADR
 * 038; published and never RED there). The one lookup for the form's check, the preview, the
 * recipients' entitlement and the message, so a shared post is decided as in the list: by TLP with
 * this community's recipients. A share withdrawn before sending leaves the mailing without it, as a
 * deleted post does.
 */
export async function findCarriedPost(
  deps: { db: Kysely<DB>; shared?: SharedSource },
  postId: string | null,
  options: { publishedOnly?: boolean } = {},
): Promise<PostView | null> {
  if (!postId) return null;
  let own = deps.db.selectFrom("posts").selectAll().where("id", "=", postId);
  if (options.publishedOnly) own = own.where("status", "=", "published");
  const row = await own.executeTakeFirst();
  if (row) return postView(row);
  const [shared] = deps.shared ? await sharedPostRows(deps.shared, { id: postId }) : [];
  return shared ? postView(shared, shared.origin) : null;
}
