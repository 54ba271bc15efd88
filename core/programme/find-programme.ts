import type { Locale } from "../../i18n/index.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import type { ProgrammeDeps } from "./deps.ts";

export interface ProgrammeView {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  /** its communities, in the programme's order */
  communities: { id: string; slug: string; name: string }[];
}

/**
 * The programme `slug` as `actor` may read it: its staff, or the operator at the command line.
 * Anyone else gets "not found" — whether a programme exists is not told to those outside it.
 * Its name and its communities' are in the reader's language: English where one is set.
 */
export async function findProgrammeForActor(
  deps: ProgrammeDeps,
  actor: Actor,
  slug: string,
  locale: Locale = "ja",
): Promise<ProgrammeView> {
  if (actor.kind === "anonymous") throw new AppError("unauthenticated");
  const programme = await deps.root.selectFrom("programmes").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!programme) throw new AppError("not-found");
  if (actor.kind !== "system") {
    if (actor.kind !== "user") throw new AppError("not-found");
    const staff = await deps.root
      .selectFrom("programme_staff")
      .select("user_id")
      .where("programme_id", "=", programme.id)
      .where("user_id", "=", actor.userId)
      .executeTakeFirst();
    if (!staff) throw new AppError("not-found");
  }
  // A community's name is the one its secretariat set (first run, settings), else the row's own.
  const communities = await deps.root
    .selectFrom("programme_communities")
    .innerJoin("communities", "communities.id", "programme_communities.community_id")
    .leftJoin("app_settings", (join) =>
      join.onRef("app_settings.community_id", "=", "communities.id").on("app_settings.key", "=", "community_name"),
    )
    .select((eb) => [
      "communities.id",
      "communities.slug",
      eb.fn.coalesce("app_settings.value", "communities.name").as("name"),
      "communities.name_en",
    ])
    .where("programme_communities.programme_id", "=", programme.id)
    .orderBy("programme_communities.position")
    .orderBy("communities.slug")
    .execute();
  const english = locale === "en";
  return {
    id: programme.id,
    slug: programme.slug,
    name: english && programme.name_en ? programme.name_en : programme.name,
    nameEn: programme.name_en,
    communities: communities.map(({ name_en, ...c }) => ({ ...c, name: english && name_en ? name_en : c.name })),
  };
}
