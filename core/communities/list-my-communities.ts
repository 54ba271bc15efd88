import type { Kysely } from "kysely";
import { firstCommunity } from "../../db/communities.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { communityBaseUrl } from "./community-address.ts";

/** What listing an account's communities needs: the installation's database and address. */
export interface MyCommunitiesDeps {
  root: Kysely<DB>;
  installationBaseUrl: string;
}

export function myCommunitiesDepsFrom(services: {
  database: { root: Kysely<DB> };
  env: { installationBaseUrl: string };
}): MyCommunitiesDeps {
  return { root: services.database.root, installationBaseUrl: services.env.installationBaseUrl };
}

export interface MyCommunity {
  slug: string;
  name: string;
  nameEn: string | null;
  /** The community's home page: its host name, or its path on the installation's address. */
  url: string;
  /** The community this request is for. */
  current: boolean;
}

/**
 * The communities in which a signed-in account holds a role (any grant), for switching between
 * them (a speaker who talks in three regions, a secretariat that runs two). Accounts belong to
 * the installation (ADR 035), so this is one of the few reads across communities; it names only
 * the communities, never anything in them.
 */
export async function listMyCommunities(
  deps: MyCommunitiesDeps,
  actor: Actor,
  currentCommunityId: string,
): Promise<MyCommunity[]> {
  if (actor.kind !== "user") return [];
  const [communities, first] = await Promise.all([
    deps.root
      .selectFrom("communities")
      // The name its secretariat set (the first run, the settings), as its own pages show it.
      .leftJoin("app_settings", (join) =>
        join.onRef("app_settings.community_id", "=", "communities.id").on("app_settings.key", "=", "community_name"),
      )
      .selectAll("communities")
      .select("app_settings.value as displayName")
      .where("id", "in", (eb) =>
        eb.selectFrom("role_grants").select("community_id").where("user_id", "=", actor.userId),
      )
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
    firstCommunity(deps.root),
  ]);
  return communities.map((c) => ({
    slug: c.slug,
    name: c.displayName || c.name,
    nameEn: c.name_en,
    url: `${communityBaseUrl(deps.installationBaseUrl, c, c.id === first.id)}/`,
    current: c.id === currentCommunityId,
  }));
}
