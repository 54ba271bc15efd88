import type { Kysely } from "kysely";

/**
 * Feed gaps (real-world feeds, I5): a subscription remembers its last successful fetch apart from
 * its last attempt, and flags a gap when the oldest item a feed still holds is newer than that
 * (JPCERT/CC's feed keeps only its latest items). An existing subscription's last attempt counts
 * as its last success when it recorded no error.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("feed_subscriptions").addColumn("last_succeeded_at", "text").execute();
  await db.schema.alterTable("feed_subscriptions").addColumn("gap_from", "text").execute();
  await db.schema.alterTable("feed_subscriptions").addColumn("gap_until", "text").execute();
  await db
    .updateTable("feed_subscriptions")
    .set((eb) => ({ last_succeeded_at: eb.ref("last_fetched_at") }))
    .where("last_error", "is", null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("feed_subscriptions").dropColumn("gap_until").execute();
  await db.schema.alterTable("feed_subscriptions").dropColumn("gap_from").execute();
  await db.schema.alterTable("feed_subscriptions").dropColumn("last_succeeded_at").execute();
}
