import { type Kysely, sql } from "kysely";

/**
 * Two installation tables (issue 18, ADR 039):
 *
 * - `corporate_links`: the consent of two communities that an organisation of each, with the same
 *   法人番号, is the same company. One row per proposal: the proposing side (community,
 *   organisation, who, when), the other side (community; its organisation, who and when once it
 *   accepts), and who withdrew it, from which side, when. A link is a row accepted and not
 *   withdrawn; nothing of either organisation is copied into it but the number they share.
 * - `programme_audit_events`: a programme office's own audit log (what left the server: the KPI
 *   sheet, the summary report), as a community's exports are in its `audit_events`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("corporate_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("corporate_number", "text", (c) => c.notNull())
    .addColumn("proposer_community_id", "text", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("proposer_organisation_id", "text", (c) =>
      c.notNull().references("organisations.id").onDelete("cascade"),
    )
    .addColumn("proposed_by", "text")
    .addColumn("proposed_by_label", "text", (c) => c.notNull())
    .addColumn("proposed_at", "text", (c) => c.notNull())
    .addColumn("partner_community_id", "text", (c) => c.notNull().references("communities.id").onDelete("cascade"))
    .addColumn("partner_organisation_id", "text", (c) => c.references("organisations.id").onDelete("cascade"))
    .addColumn("accepted_by", "text")
    .addColumn("accepted_by_label", "text")
    .addColumn("accepted_at", "text")
    .addColumn("withdrawn_by", "text")
    .addColumn("withdrawn_by_label", "text")
    .addColumn("withdrawn_by_community_id", "text", (c) => c.references("communities.id").onDelete("cascade"))
    .addColumn("withdrawn_at", "text")
    .execute();
  await db.schema
    .createIndex("corporate_links_proposer_idx")
    .on("corporate_links")
    .columns(["proposer_community_id", "corporate_number"])
    .execute();
  // One open proposal or link per record, other community and number: a second one racing the first fails here.
  await db.schema
    .createIndex("corporate_links_open_idx")
    .on("corporate_links")
    .columns(["proposer_organisation_id", "partner_community_id", "corporate_number"])
    .unique()
    .where(sql.ref("withdrawn_at"), "is", null)
    .execute();
  await db.schema
    .createIndex("corporate_links_partner_idx")
    .on("corporate_links")
    .columns(["partner_community_id", "corporate_number"])
    .execute();
  await db.schema
    .createTable("programme_audit_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("programme_id", "text", (c) => c.notNull().references("programmes.id").onDelete("cascade"))
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_type", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_label", "text", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("after_json", "text")
    .execute();
  await db.schema
    .createIndex("programme_audit_events_programme_idx")
    .on("programme_audit_events")
    .columns(["programme_id", "at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("programme_audit_events").execute();
  await db.schema.dropTable("corporate_links").execute();
}
