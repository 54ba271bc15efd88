import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSignedIn } from "../accounts/actor.ts";
import { loadGrants } from "../accounts/load-grants.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { loadViewer, type SharingViewer } from "./load-viewer.ts";

/**
 * A personal feed URL carries a secret token instead of a session, because feed readers cannot
 * sign in. Issuing a new one revokes the old. Only its hash is stored.
 */
export async function issuePersonalFeedToken(db: Kysely<DB>, clock: Clock, actor: Actor): Promise<string> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  const token = newSecretToken("pf_");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("personal_feed_tokens").where("user_id", "=", actor.userId).execute();
    await trx.insertInto("personal_feed_tokens").values({ user_id: actor.userId, token_hash: sha256(token), created_at: clock.now().toISOString() }).execute();
    await recordAuditEvent(trx, clock, actor, { action: "personal-feed.issue", entityType: "user", entityId: actor.userId });
  });
  return token;
}

export async function hasPersonalFeedToken(db: Kysely<DB>, userId: string): Promise<boolean> {
  return Boolean(await db.selectFrom("personal_feed_tokens").select("user_id").where("user_id", "=", userId).executeTakeFirst());
}

/** The viewer a personal feed token stands for, rebuilt from the owner's current grants. */
export async function viewerForFeedToken(db: Kysely<DB>, token: string): Promise<SharingViewer> {
  const row = await db
    .selectFrom("personal_feed_tokens")
    .innerJoin("user", "user.id", "personal_feed_tokens.user_id")
    .select(["user.id", "user.name", "user.email", "user.twoFactorEnabled"])
    .where("personal_feed_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const actor: Actor = {
    kind: "user",
    userId: row.id,
    name: row.name,
    email: row.email,
    grants: await loadGrants(db, row.id),
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    sessionId: "personal-feed",
  };
  return loadViewer(db, actor);
}
