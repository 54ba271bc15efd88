import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import type { SharingDeps } from "./deps.ts";
import { checkAudienceExists, postColumns } from "./create-post.ts";
import { postInputSchema } from "./posts.ts";

/** The secretariat edits a post (a feed draft gets its summary and marking here, then is published). */
export async function updatePost(
  deps: Pick<SharingDeps, "db" | "clock">,
  actor: Actor,
  id: string,
  input: unknown,
): Promise<void> {
  requireSecretariat(actor);
  const post = parseInput(postInputSchema, input);
  await checkAudienceExists(deps.db, post);
  await deps.db.transaction().execute(async (trx: Kysely<DB>) => {
    const before = await trx.selectFrom("posts").selectAll().where("id", "=", id).executeTakeFirst();
    if (!before) throw new AppError("not-found");
    // A post shared with other communities cannot become TLP:RED (ADR 038): withdraw the shares first.
    if (post.tlp === "RED") {
      const shared = await trx.selectFrom("post_shares").select("post_id").where("post_id", "=", id).executeTakeFirst();
      if (shared) throw new AppError("cross-share-red");
    }
    const now = deps.clock.now().toISOString();
    await trx
      .updateTable("posts")
      .set({
        ...postColumns(post),
        updated_at: now,
        published_at: post.status === "published" ? (before.published_at ?? now) : null,
      })
      .where("id", "=", id)
      .execute();
    await recordAuditEvent(trx, deps.clock, actor, {
      action: "post.update",
      entityType: "post",
      entityId: id,
      before: { title: before.title, tlp: before.tlp, status: before.status },
      after: { title: post.title, tlp: post.tlp, status: post.status },
    });
  });
}
