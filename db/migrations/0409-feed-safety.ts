import { type Kysely, sql } from "kysely";

/**
 * Feed safety (issue 13, items 8, 14 and 15):
 * - a subscription's failure is a closed reason code plus a detail (the refused address, the HTTP
 *   status), so the page can say why in the reader's language; older free-text errors are cleared
 *   (the next hourly fetch records a reason again);
 * - a personal feed token records its last use: unused for 90 days, it expires;
 * - a post's source link that is not http(s) (a feed's `javascript:` link stored before this) is removed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("feed_subscriptions").addColumn("last_error_detail", "text").execute();
  await db.updateTable("feed_subscriptions").set({ last_error: null }).execute();
  await db.schema.alterTable("personal_feed_tokens").addColumn("last_used_at", "text").execute();
  await db
    .updateTable("posts")
    .set({ source_url: null })
    .where(sql<boolean>`lower(source_url) not like 'http://%' and lower(source_url) not like 'https://%'`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("personal_feed_tokens").dropColumn("last_used_at").execute();
  await db.schema.alterTable("feed_subscriptions").dropColumn("last_error_detail").execute();
}
