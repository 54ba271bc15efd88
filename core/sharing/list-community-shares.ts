import type { Kysely } from "kysely";
import { scopeOf } from "../../db/community-scope.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import type { ShareSubject } from "./set-community-shares.ts";

export interface CommunityShareChoice {
  slug: string;
  name: string;
  nameEn: string | null;
  /** When this post or material was shared with it, or null when it is not. */
  sharedAt: string | null;
}

/**
 * The other communities of the installation, for the publishing secretariat's "share with
 * communities" control: each with whether (and since when) this post or material is shared with it.
 */
export async function listCommunityShares(
  db: Kysely<DB>,
  actor: Actor,
  subject: ShareSubject,
): Promise<CommunityShareChoice[]> {
  requireSecretariat(actor);
  const home = scopeOf(db);
  const communities = await db
    .selectFrom("communities")
    .select(["id", "slug", "name", "name_en"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const shares = await (subject.type === "post"
    ? db.selectFrom("post_shares").select(["target_community_id", "shared_at"]).where("post_id", "=", subject.id)
    : db
        .selectFrom("material_shares")
        .select(["target_community_id", "shared_at"])
        .where("material_id", "=", subject.id)
  ).execute();
  return communities
    .filter((c) => c.id !== home)
    .map((c) => ({
      slug: c.slug,
      name: c.name,
      nameEn: c.name_en,
      sharedAt: shares.find((s) => s.target_community_id === c.id)?.shared_at ?? null,
    }));
}
