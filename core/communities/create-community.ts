import type { Kysely } from "kysely";
import { z } from "zod";
import type { Community } from "../../db/communities.ts";
import { communityScope } from "../../db/community-scope.ts";
import { newId } from "../../db/ids.ts";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";

/** What creating a community needs: the installation's unscoped database (ADR 035). */
export interface CommunitiesDeps {
  root: Kysely<DB>;
  clock: Clock;
}

export const communityInputSchema = z.object({
  slug: z
    .string()
    .trim()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/),
  name: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).optional(),
  senderName: z.string().trim().max(200).optional(),
  senderAddress: z.email().optional(),
  host: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9.-]+$/)
    .optional(),
});

/**
 * Another community in this installation, empty: its secretariat is invited next (`npx chiiki
 * --community SLUG admin create …`). Only the operator at the command line creates one.
 */
export async function createCommunity(
  deps: CommunitiesDeps,
  actor: Actor,
  input: z.input<typeof communityInputSchema>,
): Promise<Community> {
  if (actor.kind !== "system") throw new AppError("forbidden");
  const data = parseInput(communityInputSchema, input);
  const taken = await deps.root
    .selectFrom("communities")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", data.slug), ...(data.host ? [eb("host", "=", data.host)] : [])]))
    .executeTakeFirst();
  if (taken)
    throw new AppError("conflict", { fields: [{ field: taken.slug === data.slug ? "slug" : "host", code: "taken" }] });
  const community: Community = {
    id: newId(),
    slug: data.slug,
    name: data.name,
    name_en: data.nameEn ?? null,
    sender_name: data.senderName ?? null,
    sender_address: data.senderAddress ?? null,
    host: data.host ?? null,
    created_at: deps.clock.now().toISOString(),
  };
  await deps.root.transaction().execute(async (trx) => {
    await trx.insertInto("communities").values(community).execute();
    const scoped = trx.withPlugin(communityScope(community.id));
    await scoped.insertInto("app_settings").values({ key: "community_name", value: community.name }).execute();
    await recordAuditEvent(scoped, deps.clock, actor, {
      action: "community.create",
      entityType: "community",
      entityId: community.id,
      after: { slug: community.slug, name: community.name, host: community.host },
    });
  });
  return community;
}
