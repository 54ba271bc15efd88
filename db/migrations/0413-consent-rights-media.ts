import type { Kysely } from "kysely";

/**
 * Consent by right and by medium (issue 16, item 3): a speaker's consent now records which rights
 * they granted (copyright for the content, portrait rights for their face and voice), for which
 * media (slides, recording, photos), and may name one registry group as its audience.
 *
 * Consents given before this answered one question, "who may see this material", for the material
 * as it was: slides or a PDF (the speaker's content: copyright) or a recording (their content, face
 * and voice: both rights). They are mapped to exactly that, so nobody sees more or less than
 * before: a document's consent grants copyright for slides, a video's grants copyright and
 * portrait rights for the recording.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("material_consents").addColumn("group_id", "text").execute();
  await db.schema
    .alterTable("material_consents")
    .addColumn("rights", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema
    .alterTable("material_consents")
    .addColumn("media", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await mapEarlierConsents(db);
}

/** Gives every consent that records no rights yet the rights and medium its material needed. */
export async function mapEarlierConsents(db: Kysely<any>): Promise<void> {
  const videos = db.selectFrom("talk_materials").select("id").where("kind", "=", "video");
  await db
    .updateTable("material_consents")
    .set({ rights: JSON.stringify(["copyright", "portrait"]), media: JSON.stringify(["recording"]) })
    .where("rights", "=", "[]")
    .where("material_id", "in", videos)
    .execute();
  await db
    .updateTable("material_consents")
    .set({ rights: JSON.stringify(["copyright"]), media: JSON.stringify(["slides"]) })
    .where("rights", "=", "[]")
    .where("material_id", "not in", videos)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("material_consents").dropColumn("media").execute();
  await db.schema.alterTable("material_consents").dropColumn("rights").execute();
  await db.schema.alterTable("material_consents").dropColumn("group_id").execute();
}
