import type { Kysely } from "kysely";

/**
 * The community registry: organisations and people, agreements, groups with members and officers,
 * meetings with attendees and decisions, the activity log, qualifications and training, and the
 * server-side previews of imports awaiting confirmation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("organisations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("reading", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("sector", "text", (c) => c.notNull())
    .addColumn("prefecture", "text")
    .addColumn("industry", "text")
    .addColumn("size_band", "text")
    .addColumn("membership", "text", (c) => c.notNull().defaultTo("none"))
    .addColumn("membership_type", "text")
    .addColumn("member_since", "text")
    .addColumn("website", "text")
    .addColumn("address", "text")
    .addColumn("notes", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("merged_into_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("organisations_sector_idx").on("organisations").column("sector").execute();
  await db.schema.createIndex("organisations_prefecture_idx").on("organisations").column("prefecture").execute();

  await db.schema
    .createTable("people")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("family_name", "text", (c) => c.notNull())
    .addColumn("given_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("family_reading", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("given_reading", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("department", "text")
    .addColumn("title", "text")
    .addColumn("email", "text")
    .addColumn("phone", "text")
    .addColumn("mail_opt_in", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("user_id", "text", (c) => c.references("user.id").onDelete("set null"))
    .addColumn("notes", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("people_organisation_idx").on("people").column("organisation_id").execute();
  await db.schema.createIndex("people_email_idx").on("people").column("email").execute();
  await db.schema.createIndex("people_user_idx").on("people").column("user_id").execute();

  await db.schema
    .createTable("qualifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text")
    .addColumn("registration_number", "text")
    .addColumn("acquired_on", "text")
    .addColumn("renewal_due_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("qualifications_person_idx").on("qualifications").column("person_id").execute();

  await db.schema
    .createTable("trainings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("people.id").onDelete("cascade"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("provider", "text")
    .addColumn("attended_on", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("trainings_person_idx").on("trainings").column("person_id").execute();

  await db.schema
    .createTable("agreements")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("purpose", "text")
    .addColumn("signed_on", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("in-force"))
    .addColumn("ended_on", "text")
    .addColumn("notes", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("agreement_parties")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("signatory_title", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("agreement_parties_agreement_idx")
    .on("agreement_parties")
    .column("agreement_id")
    .execute();
  await db.schema
    .createIndex("agreement_parties_organisation_idx")
    .on("agreement_parties")
    .column("organisation_id")
    .execute();

  await db.schema
    .createTable("agreement_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("uploaded_by", "text")
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("agreement_attachments_agreement_idx")
    .on("agreement_attachments")
    .column("agreement_id")
    .execute();

  await db.schema
    .createTable("agreement_history")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("agreement_id", "text", (c) => c.notNull().references("agreements.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull())
    .addColumn("details_json", "text")
    .execute();
  await db.schema
    .createIndex("agreement_history_agreement_idx")
    .on("agreement_history")
    .column("agreement_id")
    .execute();

  await db.schema
    .createTable("groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("reading", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("host_organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("description", "text")
    .addColumn("founded_on", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("group_memberships")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("cascade"))
    .addColumn("joined_on", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("group_memberships_group_idx").on("group_memberships").column("group_id").execute();
  await db.schema
    .createIndex("group_memberships_organisation_idx")
    .on("group_memberships")
    .column("organisation_id")
    .execute();
  await db.schema.createIndex("group_memberships_person_idx").on("group_memberships").column("person_id").execute();

  await db.schema
    .createTable("group_officers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.notNull().references("groups.id").onDelete("cascade"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("term_start", "text")
    .addColumn("term_end", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("group_officers_group_idx").on("group_officers").column("group_id").execute();

  await db.schema
    .createTable("meetings")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text")
    .addColumn("place", "text")
    .addColumn("online_tool", "text")
    .addColumn("agenda", "text")
    .addColumn("minutes_markdown", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("meetings_starts_at_idx").on("meetings").column("starts_at").execute();

  await db.schema
    .createTable("meeting_attendees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("attendee_label", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("meeting_attendees_meeting_idx").on("meeting_attendees").column("meeting_id").execute();

  await db.schema
    .createTable("decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("meeting_id", "text", (c) => c.notNull().references("meetings.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("owner_organisation_id", "text", (c) => c.references("organisations.id").onDelete("set null"))
    .addColumn("owner_label", "text")
    .addColumn("due_on", "text")
    .addColumn("status", "text", (c) => c.notNull().defaultTo("open"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("decisions_meeting_idx").on("decisions").column("meeting_id").execute();
  await db.schema.createIndex("decisions_status_idx").on("decisions").column("status").execute();

  await db.schema
    .createTable("activities")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("held_on", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("organiser", "text")
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text")
    .addColumn("group_id", "text", (c) => c.references("groups.id").onDelete("set null"))
    .addColumn("url", "text")
    .addColumn("search_text", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("activities_held_on_idx").on("activities").column("held_on").execute();

  await db.schema
    .createTable("activity_talks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("speaker", "text")
    .addColumn("affiliation", "text")
    .execute();
  await db.schema.createIndex("activity_talks_activity_idx").on("activity_talks").column("activity_id").execute();

  await db.schema
    .createTable("activity_attendees")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("activity_id", "text", (c) => c.notNull().references("activities.id").onDelete("cascade"))
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.references("people.id").onDelete("set null"))
    .addColumn("attendee_label", "text")
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("activity_attendees_activity_idx")
    .on("activity_attendees")
    .column("activity_id")
    .execute();

  await db.schema
    .createTable("community_imports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("rows_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("confirmed_at", "text")
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "community_imports",
    "activity_attendees",
    "activity_talks",
    "activities",
    "decisions",
    "meeting_attendees",
    "meetings",
    "group_officers",
    "group_memberships",
    "groups",
    "agreement_history",
    "agreement_attachments",
    "agreement_parties",
    "agreements",
    "trainings",
    "qualifications",
    "people",
    "organisations",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
