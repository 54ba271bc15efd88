import { type Kysely, sql } from "kysely";

/**
 * The SME security posture the programme cares about, per organisation and with its history:
 * SECURITY ACTION (★/★★, 宣言ID), the SCS評価制度 mark (★3/★4, valid until), an お助け隊
 * service, cyber insurance. And the 法人番号 (13-digit corporate number) that recognises one
 * company across registries. Nothing existing changes: every organisation starts without them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("organisations").addColumn("corporate_number", "text").execute();
  await sql`create index organisations_corporate_number_idx on organisations (corporate_number) where corporate_number is not null`.execute(
    db,
  );
  await db.schema
    .createTable("organisation_posture")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("level", "text", (c) => c.notNull())
    .addColumn("reference", "text")
    .addColumn("since", "text")
    .addColumn("valid_until", "text")
    .addColumn("note", "text")
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("organisation_posture_org_kind_idx")
    .on("organisation_posture")
    .columns(["organisation_id", "kind", "recorded_at"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("organisation_posture").execute();
  await sql`drop index if exists organisations_corporate_number_idx`.execute(db);
  await db.schema.alterTable("organisations").dropColumn("corporate_number").execute();
}
