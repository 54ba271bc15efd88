import type { Kysely } from "kysely";

/**
 * Information sharing and mailings: TLP-marked posts with attachments, talk materials with the
 * speaker's consents, the download log, feed subscriptions, personal feed tokens, mailings with
 * their recipients, and announcement opt-outs. No foreign keys into other capabilities' tables
 * (events, registry): those land in their own blocks and may be migrated in any order.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("posts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("source_organisation", "text")
    .addColumn("source_url", "text")
    .addColumn("severity", "text")
    .addColumn("affected_products", "text")
    .addColumn("what_to_do", "text")
    .addColumn("tlp", "text", (c) => c.notNull())
    .addColumn("audience_organisation_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("audience_person_ids", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("feed_subscription_id", "text")
    .addColumn("feed_item_guid", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .execute();
  await db.schema.createIndex("posts_status_published_idx").on("posts").columns(["status", "published_at"]).execute();
  await db.schema
    .createIndex("posts_feed_item_idx")
    .on("posts")
    .columns(["feed_subscription_id", "feed_item_guid"])
    .unique()
    .execute();

  await db.schema
    .createTable("post_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("post_id", "text", (c) => c.notNull().references("posts.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("post_attachments_post_idx").on("post_attachments").column("post_id").execute();

  await db.schema
    .createTable("talk_materials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("event_id", "text")
    .addColumn("session_id", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("speaker_name", "text", (c) => c.notNull())
    .addColumn("speaker_email", "text")
    .addColumn("consent_token_hash", "text")
    .addColumn("consent_requested_at", "text")
    .addColumn("uploaded_by", "text")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("talk_materials_event_idx").on("talk_materials").column("event_id").execute();
  await db.schema
    .createIndex("talk_materials_token_idx")
    .on("talk_materials")
    .column("consent_token_hash")
    .unique()
    .execute();

  await db.schema
    .createTable("material_consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("material_id", "text", (c) => c.notNull().references("talk_materials.id").onDelete("cascade"))
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("download_allowed", "integer", (c) => c.notNull())
    .addColumn("decided_at", "text", (c) => c.notNull())
    .addColumn("decided_by", "text", (c) => c.notNull())
    .addColumn("withdrawn_at", "text")
    .execute();
  await db.schema.createIndex("material_consents_material_idx").on("material_consents").column("material_id").execute();

  await db.schema
    .createTable("sharing_downloads")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject_type", "text", (c) => c.notNull())
    .addColumn("subject_id", "text", (c) => c.notNull())
    .addColumn("mode", "text", (c) => c.notNull())
    .addColumn("user_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("organisation_name", "text")
    .addColumn("tlp_label", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sharing_downloads_subject_idx")
    .on("sharing_downloads")
    .columns(["subject_type", "subject_id"])
    .execute();

  await db.schema
    .createTable("feed_subscriptions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("default_tlp", "text", (c) => c.notNull().defaultTo("CLEAR"))
    .addColumn("last_fetched_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("personal_feed_tokens")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("user.id").onDelete("cascade"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("mailings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body_template", "text", (c) => c.notNull())
    .addColumn("audience_json", "text", (c) => c.notNull())
    .addColumn("post_id", "text", (c) => c.references("posts.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("requested_by", "text")
    .addColumn("approved_by", "text")
    .addColumn("approved_at", "text")
    .addColumn("scheduled_at", "text")
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mailings_status_idx").on("mailings").columns(["status", "scheduled_at"]).execute();

  await db.schema
    .createTable("mailing_recipients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("mailing_id", "text", (c) => c.notNull().references("mailings.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation_name", "text")
    .addColumn("person_id", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("outbox_message_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("mailing_recipients_mailing_email_key", ["mailing_id", "email"])
    .execute();
  await db.schema
    .createIndex("mailing_recipients_status_idx")
    .on("mailing_recipients")
    .columns(["mailing_id", "status"])
    .execute();

  await db.schema
    .createTable("mail_suppressions")
    .addColumn("email", "text", (c) => c.primaryKey())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "mail_suppressions",
    "mailing_recipients",
    "mailings",
    "personal_feed_tokens",
    "feed_subscriptions",
    "sharing_downloads",
    "material_consents",
    "talk_materials",
    "post_attachments",
    "posts",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
