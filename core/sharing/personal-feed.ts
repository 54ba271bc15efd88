import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { isLocale, type Locale } from "../../i18n/index.ts";
import { type Actor, requireSignedIn } from "../accounts/actor.ts";
import { loadGrants } from "../accounts/load-grants.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import type { Clock } from "../shared/clock.ts";
import { newSecretToken, sha256 } from "../shared/crypto.ts";
import { AppError } from "../shared/errors.ts";
import { loadViewer, type SharingViewer } from "./load-viewer.ts";

/**
 * A personal feed URL carries a secret token instead of a session, because feed readers cannot
 * sign in. It is a bearer secret that ends up in reader apps, synced settings and forwarded mails,
 * so it is bounded: only its SHA-256 is stored (the token has 256 random bits, so a fast hash
 * suffices); issuing a new one revokes the old; the owner can revoke it; and unused for
 * `PERSONAL_FEED_IDLE_DAYS` it expires (every use renews it). What it carries is bounded too: see
 * build-atom-feed.ts (no TLP:RED content, TLP:AMBER titles only).
 */
export const PERSONAL_FEED_IDLE_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A feed reader polls every few minutes; the last use is written at most this often. */
const LAST_USE_PRECISION_MS = 60 * 60 * 1000;

function requireUser(actor: Actor): Extract<Actor, { kind: "user" }> {
  requireSignedIn(actor);
  if (actor.kind !== "user") throw new AppError("forbidden");
  return actor;
}

/** Issues the caller's feed URL token, or rotates it: the old URL stops working at once. */
export async function issuePersonalFeedToken(db: Kysely<DB>, clock: Clock, actor: Actor): Promise<string> {
  const user = requireUser(actor);
  const token = newSecretToken("pf_");
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom("personal_feed_tokens").where("user_id", "=", user.userId).executeTakeFirst();
    const now = clock.now().toISOString();
    await trx
      .insertInto("personal_feed_tokens")
      .values({ user_id: user.userId, token_hash: sha256(token), created_at: now, last_used_at: null })
      .execute();
    const action = Number(removed.numDeletedRows) > 0 ? "personal-feed.rotate" : "personal-feed.issue";
    await recordAuditEvent(trx, clock, actor, { action, entityType: "user", entityId: user.userId });
  });
  return token;
}

/** Revokes the caller's feed URL. Revoking when there is none changes nothing and records nothing. */
export async function revokePersonalFeedToken(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
): Promise<{ revoked: boolean }> {
  const user = requireUser(actor);
  return db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom("personal_feed_tokens").where("user_id", "=", user.userId).executeTakeFirst();
    const revoked = Number(removed.numDeletedRows) > 0;
    if (revoked) {
      const change = { action: "personal-feed.revoke" as const, entityType: "user", entityId: user.userId };
      await recordAuditEvent(trx, clock, actor, change);
    }
    return { revoked };
  });
}

export interface PersonalFeedStatus {
  createdAt: string;
  lastUsedAt: string | null;
  /** When it expires unless used before then. */
  expiresAt: string;
  expired: boolean;
}

const expiryOf = (row: { created_at: string; last_used_at: string | null }) =>
  new Date(Date.parse(row.last_used_at ?? row.created_at) + PERSONAL_FEED_IDLE_DAYS * DAY_MS);

/** The caller's feed URL as its page shows it (never the token itself: only its hash is kept). */
export async function getPersonalFeedStatus(
  db: Kysely<DB>,
  clock: Clock,
  actor: Actor,
): Promise<PersonalFeedStatus | null> {
  const user = requireUser(actor);
  const row = await db
    .selectFrom("personal_feed_tokens")
    .select(["created_at", "last_used_at"])
    .where("user_id", "=", user.userId)
    .executeTakeFirst();
  if (!row) return null;
  const expiresAt = expiryOf(row);
  return {
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: expiresAt.toISOString(),
    expired: expiresAt <= clock.now(),
  };
}

/**
 * The viewer a personal feed token stands for, rebuilt from the owner's current grants, and the
 * owner's language. An unknown (forged, rotated or revoked) token is not-found; an expired one is
 * `personal-feed-expired` (410), and stays so until the owner issues a new URL. A use renews it.
 */
export async function viewerForFeedToken(
  db: Kysely<DB>,
  clock: Clock,
  token: string,
): Promise<SharingViewer & { locale: Locale }> {
  const row = await db
    .selectFrom("personal_feed_tokens")
    .innerJoin("user", "user.id", "personal_feed_tokens.user_id")
    .select(["user.id", "user.name", "user.email", "user.twoFactorEnabled", "user.locale"])
    .select(["personal_feed_tokens.token_hash", "personal_feed_tokens.created_at", "personal_feed_tokens.last_used_at"])
    .where("personal_feed_tokens.token_hash", "=", sha256(token))
    .executeTakeFirst();
  if (!row) throw new AppError("not-found");
  const now = clock.now();
  if (expiryOf(row) <= now) throw new AppError("personal-feed-expired");
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USE_PRECISION_MS) {
    await db
      .updateTable("personal_feed_tokens")
      .set({ last_used_at: now.toISOString() })
      .where("token_hash", "=", row.token_hash)
      .execute();
  }
  const actor: Actor = {
    kind: "user",
    userId: row.id,
    name: row.name,
    email: row.email,
    grants: await loadGrants(db, row.id),
    twoFactorEnabled: Boolean(row.twoFactorEnabled),
    sessionId: "personal-feed",
  };
  return { ...(await loadViewer(db, actor)), locale: isLocale(row.locale) ? row.locale : "ja" };
}
