import { type Kysely, sql } from "kysely";

/**
 * Issue 13, item 3: mailings record the *human* who submitted and approved them. Until now a
 * token's id was stored, so a mailing a secretariat user submitted with their own token could be
 * approved by the same person in the browser. A token acts for the user who created it
 * (`api_tokens.created_by`); rows written before carry the token's id and are mapped here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ["requested_by", "approved_by"]) {
    await sql`
      update mailings set ${sql.ref(column)} = (
        select api_tokens.created_by from api_tokens where api_tokens.id = mailings.${sql.ref(column)}
      )
      where ${sql.ref(column)} in (select id from api_tokens where created_by is not null)
    `.execute(db);
  }
}

export async function down(): Promise<void> {
  // The token ids are not kept; the humans are the better record either way.
}
