import type { Actor } from "../accounts/actor.ts";
import type { ProgrammeDeps } from "./deps.ts";

/** The programmes whose staff `actor` is (the operator at the command line: every programme). */
export async function listMyProgrammes(
  deps: ProgrammeDeps,
  actor: Actor,
): Promise<{ slug: string; name: string; communities: number }[]> {
  if (actor.kind !== "user" && actor.kind !== "system") return [];
  let query = deps.root
    .selectFrom("programmes")
    .leftJoin("programme_communities", "programme_communities.programme_id", "programmes.id")
    .select((eb) => [
      "programmes.slug",
      "programmes.name",
      eb.fn.count<number>("programme_communities.community_id").as("n"),
    ])
    .groupBy(["programmes.id", "programmes.slug", "programmes.name"])
    .orderBy("programmes.slug");
  if (actor.kind === "user")
    query = query.where("programmes.id", "in", (eb) =>
      eb.selectFrom("programme_staff").select("programme_id").where("user_id", "=", actor.userId),
    );
  return (await query.execute()).map((p) => ({ slug: p.slug, name: p.name, communities: Number(p.n) }));
}
