import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { organisationRow } from "../fixtures/rows.ts";

/**
 * The organisations and groups that tests name in invitations ("org-1", "o", "group-1"): an
 * invitation's scope must exist (core/accounts/role-scopes.ts). Safe to call twice.
 */
export async function seedInvitationScopes(db: Kysely<DB>): Promise<void> {
  await seedScopes(db, {
    organisations: [
      ["org-1", "佐世保工業会"],
      ["o", "長崎商事株式会社"],
    ],
    groups: [["group-1", "情報共有部会"]],
  });
}

/** Organisations and groups with the given ids and names, for tests that invite people to them. */
export async function seedScopes(
  db: Kysely<DB>,
  scopes: { organisations?: [string, string][]; groups?: [string, string][] },
): Promise<void> {
  const now = new Date().toISOString();
  for (const [id, name] of scopes.organisations ?? []) {
    await db
      .insertInto("organisations")
      .values(organisationRow({ id, name, membership: "member", created_at: now, updated_at: now }))
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
  for (const [id, name] of scopes.groups ?? []) {
    await db
      .insertInto("groups")
      .values({
        id,
        kind: "working-group",
        name,
        reading: "",
        host_organisation_id: null,
        description: null,
        founded_on: null,
        search_text: name,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
  }
}
