import { z } from "zod";
import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { ProgrammeDeps } from "./deps.ts";

const input = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, { message: "field.programme-slug" }),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  /** the communities' slugs, in the order the programme shows them */
  communities: z.array(z.string().trim().min(1)).min(1).max(200),
});

/**
 * A programme over some of the installation's communities (a bureau's, or a national view), or
 * the same programme with its communities replaced. Only the operator at the command line.
 */
export async function createProgramme(
  deps: ProgrammeDeps,
  actor: Actor,
  raw: z.input<typeof input>,
): Promise<{ id: string; slug: string; communities: number }> {
  if (actor.kind !== "system") throw new AppError("forbidden");
  const data = parseInput(input, raw);
  const found = await deps.root
    .selectFrom("communities")
    .select(["id", "slug"])
    .where("slug", "in", data.communities)
    .execute();
  const missing = data.communities.filter((slug) => !found.some((c) => c.slug === slug));
  if (missing.length)
    throw new AppError("validation-failed", {
      fields: [{ field: "communities", code: "programme-community-unknown", params: { slugs: missing.join(", ") } }],
    });
  return deps.root.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("programmes").select("id").where("slug", "=", data.slug).executeTakeFirst();
    const id = existing?.id ?? newId();
    if (existing) {
      await trx
        .updateTable("programmes")
        .set({ name: data.name, name_en: data.nameEn ?? null })
        .where("id", "=", id)
        .execute();
      await trx.deleteFrom("programme_communities").where("programme_id", "=", id).execute();
    } else {
      await trx
        .insertInto("programmes")
        .values({
          id,
          slug: data.slug,
          name: data.name,
          name_en: data.nameEn ?? null,
          created_at: deps.clock.now().toISOString(),
        })
        .execute();
    }
    await trx
      .insertInto("programme_communities")
      .values(
        data.communities.map((slug, position) => ({
          programme_id: id,
          community_id: found.find((c) => c.slug === slug)!.id,
          position,
        })),
      )
      .execute();
    return { id, slug: data.slug, communities: data.communities.length };
  });
}
