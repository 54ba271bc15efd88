import { z } from "zod";
import { scopeOf } from "../../db/community-scope.ts";
import { type Actor, authorOf, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "./deps.ts";
import { consentsOf } from "./materials.ts";

/** Which other communities a post or material is shared with: their slugs (the form's ticked boxes). */
export const communitySharesSchema = z.object({
  communities: z.array(z.string().trim().min(1).max(64)).max(200).default([]),
});

export type ShareSubject = { type: "post" | "material"; id: string };

/**
 * The publishing community's secretariat sets the communities of this installation a post or
 * talk material is shared with (ADR 038): new ones are added, those left out are withdrawn at
 * once. The share rows are the publisher's own (its scoped database), so only its secretariat
 * can add or withdraw them, and only for its own posts and materials.
 *
 * TLP:RED names people of the publisher's registry and is never shared (`cross-share-red`). A
 * material is shared only when the speaker's consent in force opens it to the members or the
 * public (`cross-share-not-consented`): its organisers, attendees or a group are the publisher's.
 * Withdrawing everything is always allowed.
 */
export async function setCommunityShares(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  subject: ShareSubject,
  input: unknown,
): Promise<{ communities: string[] }> {
  requireSecretariat(actor);
  const { communities: slugs } = parseInput(communitySharesSchema, input);
  const home = scopeOf(deps.db);
  if (!home) throw new Error("sharing across communities needs a community's scoped database");
  const wanted = [...new Set(slugs)];
  const targets =
    wanted.length === 0
      ? []
      : await deps.db.selectFrom("communities").select(["id", "slug"]).where("slug", "in", wanted).execute();
  const unknown = wanted.filter((slug) => !targets.some((t) => t.slug === slug));
  if (unknown.length > 0 || targets.some((t) => t.id === home)) {
    throw new AppError("validation-failed", {
      fields: [{ field: "communities", code: unknown.length > 0 ? "share-unknown-community" : "share-own-community" }],
    });
  }
  if (targets.length > 0) await checkShareable(deps, subject);
  const now = deps.clock.now().toISOString();
  const ids = targets.map((t) => t.id);
  return deps.db.transaction().execute(async (trx) => {
    const before = await (subject.type === "post"
      ? trx.selectFrom("post_shares").select("target_community_id").where("post_id", "=", subject.id)
      : trx.selectFrom("material_shares").select("target_community_id").where("material_id", "=", subject.id)
    ).execute();
    const had = before.map((r) => r.target_community_id);
    const added = ids.filter((id) => !had.includes(id));
    const removed = had.filter((id) => !ids.includes(id));
    if (subject.type === "post") {
      await exists(trx.selectFrom("posts").select("id").where("id", "=", subject.id).executeTakeFirst());
      if (removed.length > 0)
        await trx
          .deleteFrom("post_shares")
          .where("post_id", "=", subject.id)
          .where("target_community_id", "in", removed)
          .execute();
      if (added.length > 0)
        await trx
          .insertInto("post_shares")
          .values(
            added.map((id) => ({
              post_id: subject.id,
              target_community_id: id,
              shared_by: authorOf(actor),
              shared_at: now,
            })),
          )
          .execute();
    } else {
      await exists(trx.selectFrom("talk_materials").select("id").where("id", "=", subject.id).executeTakeFirst());
      if (removed.length > 0)
        await trx
          .deleteFrom("material_shares")
          .where("material_id", "=", subject.id)
          .where("target_community_id", "in", removed)
          .execute();
      if (added.length > 0)
        await trx
          .insertInto("material_shares")
          .values(
            added.map((id) => ({
              material_id: subject.id,
              target_community_id: id,
              shared_by: authorOf(actor),
              shared_at: now,
            })),
          )
          .execute();
    }
    if (added.length > 0 || removed.length > 0) {
      await recordAuditEvent(trx, deps.clock, actor, {
        action: subject.type === "post" ? "post.share" : "material.share",
        entityType: subject.type,
        entityId: subject.id,
        before: { communities: had },
        after: { communities: ids },
      });
    }
    return { communities: targets.map((t) => t.slug).sort() };
  });
}

async function exists(row: Promise<unknown>): Promise<void> {
  if (!(await row)) throw new AppError("not-found");
}

/** RED is never shared; a material only as far as the speaker opened it beyond the organisers. */
async function checkShareable(deps: Pick<SharingDeps, "db">, subject: ShareSubject): Promise<void> {
  if (subject.type === "post") {
    const post = await deps.db.selectFrom("posts").select("tlp").where("id", "=", subject.id).executeTakeFirst();
    if (!post) throw new AppError("not-found");
    if (post.tlp === "RED") throw new AppError("cross-share-red");
    return;
  }
  const material = await deps.db
    .selectFrom("talk_materials")
    .select("id")
    .where("id", "=", subject.id)
    .executeTakeFirst();
  if (!material) throw new AppError("not-found");
  const consent = (await consentsOf(deps.db, [subject.id])).get(subject.id);
  if (!consent || consent.withdrawnAt || (consent.scope !== "members" && consent.scope !== "public"))
    throw new AppError("cross-share-not-consented");
}
