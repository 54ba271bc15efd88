import type { Kysely } from "kysely";

/**
 * Requests about personal data (個人情報保護法: 開示請求, 利用停止・消去): every export and
 * erasure the secretariat performs, and each self-service deletion link a registrant asked for.
 * The row never holds the address itself: `email_hash` is a keyed hash (the link's mail sits in
 * the outbox, which the retention setting clears), `subject_ref` the same pseudonym the erased
 * rows carry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("privacy_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    /** export | erase | self-erase */
    .addColumn("kind", "text", (c) => c.notNull())
    /** pending (a mailed link not used yet) | done | expired */
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("subject_ref", "text", (c) => c.notNull())
    .addColumn("email_hash", "text")
    .addColumn("token_hash", "text", (c) => c.unique())
    .addColumn("requested_by", "text", (c) => c.notNull())
    .addColumn("requested_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text")
    .addColumn("completed_at", "text")
    /** what was erased or exported, as counts per kind of record: JSON */
    .addColumn("counts_json", "text")
    .execute();
  await db.schema.createIndex("privacy_requests_requested_idx").on("privacy_requests").column("requested_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("privacy_requests").execute();
}
