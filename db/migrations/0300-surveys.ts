import type { Kysely } from "kysely";

/** Surveys, their responses (anonymous) and invitations (kept apart from the responses). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("surveys")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("template", "text")
    .addColumn("definition_json", "text", (c) => c.notNull())
    .addColumn("event_id", "text")
    .addColumn("access", "text", (c) => c.notNull().defaultTo("public"))
    .addColumn("opens_at", "text")
    .addColumn("closes_at", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("surveys_event_idx").on("surveys").column("event_id").execute();

  await db.schema
    .createTable("survey_responses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("answers_json", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull().defaultTo("web"))
    .addColumn("resume_hash", "text", (c) => c.unique())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .execute();
  await db.schema
    .createIndex("survey_responses_survey_idx")
    .on("survey_responses")
    .columns(["survey_id", "status"])
    .execute();

  await db.schema
    .createTable("survey_invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("survey_id", "text", (c) => c.notNull().references("surveys.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("person_id", "text")
    .addColumn("organisation_id", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("invited_at", "text", (c) => c.notNull())
    .addColumn("completed_at", "text")
    .addColumn("reminded_at", "text")
    .addColumn("reminder_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex("survey_invitations_survey_idx")
    .on("survey_invitations")
    .columns(["survey_id", "state"])
    .execute();
  await db.schema
    .createIndex("survey_invitations_email_idx")
    .on("survey_invitations")
    .columns(["survey_id", "email"])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["survey_invitations", "survey_responses", "surveys"]) await db.schema.dropTable(table).execute();
}
