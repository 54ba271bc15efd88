import type { Kysely } from "kysely";

/**
 * A mailing may carry an English version beside the Japanese one (`subject_en`, `body_template_en`,
 * both or neither), and each recipient row keeps the language it was written for (`ja` | `en`:
 * the account's language of a member, the registration's of a registrant), so a resend speaks the
 * same language as the first send. Mailings and recipients written before are Japanese.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mailings").addColumn("subject_en", "text").execute();
  await db.schema.alterTable("mailings").addColumn("body_template_en", "text").execute();
  await db.schema
    .alterTable("mailing_recipients")
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("ja"))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("mailing_recipients").dropColumn("locale").execute();
  await db.schema.alterTable("mailings").dropColumn("body_template_en").execute();
  await db.schema.alterTable("mailings").dropColumn("subject_en").execute();
}
