import { type Kysely, sql } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Clock } from "./clock.ts";
import { AppError } from "./errors.ts";

export interface RateLimitRule {
  /** What is limited, e.g. `sign-in:email:a@b.jp` or `post:ip:203.0.113.5`. */
  key: string;
  limit: number;
  windowMs: number;
}

/**
 * Counts one hit against a fixed window kept in the database, so several app processes share
 * it. One atomic upsert per hit: no read-then-write race on either dialect.
 */
export async function consumeRateLimit(db: Kysely<DB>, clock: Clock, rule: RateLimitRule): Promise<void> {
  const now = clock.now();
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - rule.windowMs).toISOString();
  const row = await db
    .insertInto("rate_limits")
    .values({ key: rule.key, window_started_at: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        count: sql<number>`case when rate_limits.window_started_at < ${windowStart} then 1 else rate_limits.count + 1 end`,
        window_started_at: sql<string>`case when rate_limits.window_started_at < ${windowStart} then ${nowIso} else rate_limits.window_started_at end`,
      }),
    )
    .returning(["count", "window_started_at"])
    .executeTakeFirstOrThrow();
  if (row.count > rule.limit) {
    const retryAfter = Math.max(
      1,
      Math.ceil((Date.parse(row.window_started_at) + rule.windowMs - now.getTime()) / 1000),
    );
    // People read minutes (a 15-minute lock-out is "約15分", not "900秒"); Retry-After keeps seconds.
    throw new AppError("rate-limited", { params: { seconds: retryAfter, minutes: Math.ceil(retryAfter / 60) } });
  }
}

/** Counts hits against rules; services give one that does nothing when CHIIKI_RATE_LIMITS=off. */
export type RateLimiter = (rule: RateLimitRule) => Promise<void>;

export function createRateLimiter(db: Kysely<DB>, clock: Clock, enabled: boolean): RateLimiter {
  return enabled ? (rule) => consumeRateLimit(db, clock, rule) : async () => {};
}

/**
 * The part of a client address that a per-client limit counts. One subscriber holds a whole IPv6
 * /64 (and can pick any address in it), so IPv6 counts by its first four groups; an IPv4 address
 * written as IPv6 (`::ffff:203.0.113.5`, how a dual-stack socket reports it) counts as itself.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.toLowerCase().split("%")[0]!.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** A limit per client on a write anyone may make, on top of the one on every anonymous write. */
export interface PublicWriteLimit {
  /** Shared by the page and the API endpoint that make the same write. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * The writes anyone may make, limited per client (server/http.ts for the pages, each endpoint's
 * `publicWrite` for the API). A registration also counts per e-mail address
 * (core/events/register-attendee.ts: it mails the address it is given): several people behind one
 * company's address may register; a flood from it may not. A survey's page posts save progress,
 * so its limit counts pages, not responses.
 */
export const PUBLIC_WRITES = {
  registration: { name: "registration", limit: 20, windowMs: 10 * 60_000 },
  surveyAnswer: { name: "survey-answer", limit: 60, windowMs: 10 * 60_000 },
} as const satisfies Record<string, PublicWriteLimit>;
