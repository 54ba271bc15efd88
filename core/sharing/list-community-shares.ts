import type { Kysely } from "kysely";
import { scopeOf } from "../../db/community-scope.ts";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { Tlp } from "./decide-access.ts";
import type { ShareSubject } from "./set-community-shares.ts";

export interface CommunityShareChoice {
  slug: string;
  name: string;
  nameEn: string | null;
  /** When this post or material was shared with it, or null when it is not. */
  sharedAt: string | null;
}

/**
 * The publishing secretariat's "share with communities" page: the post or material (its title, a
 * post's TLP; not-found unless it is this community's own) and the other communities of the
 * installation, each with whether (and since when) it is shared with them.
 */
export async function listCommunityShares(
  db: Kysely<DB>,
  actor: Actor,
  subject: ShareSubject,
): Promise<{ title: string; tlp: Tlp | null; choices: CommunityShareChoice[] }> {
  requireSecretariat(actor);
  const home = scopeOf(db);
  const item =
    subject.type === "post"
      ? await db.selectFrom("posts").select(["title", "tlp"]).where("id", "=", subject.id).executeTakeFirst()
      : await db
          .selectFrom("talk_materials")
          .select(["title"])
          .where("id", "=", subject.id)
          .executeTakeFirst()
          .then((m) => m && { title: m.title, tlp: null });
  if (!item) throw new AppError("not-found");
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
  const choices = communities
    .filter((c) => c.id !== home)
    .map((c) => ({
      slug: c.slug,
      name: c.name,
      nameEn: c.name_en,
      sharedAt: shares.find((s) => s.target_community_id === c.id)?.shared_at ?? null,
    }));
  return { title: item.title, tlp: (item.tlp as Tlp | null) ?? null, choices };
}
