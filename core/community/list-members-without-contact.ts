import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";
import { isErasedEmail } from "../privacy/pseudonym.ts";
import { memberMemberships } from "./membership.ts";

/**
 * Member organisations (membership.ts) that nobody can be written to at: no person of theirs has
 * an address (an erased person's placeholder does not count). Mailings to all members, survey
 * invitations and the report's contact figures miss them. By name.
 */
export async function listMembersWithoutContact(db: Kysely<DB>, actor: Actor): Promise<{ id: string; name: string }[]> {
  requireSecretariat(actor);
  const organisations = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("membership", "in", memberMemberships)
    .where("merged_into_id", "is", null)
    .orderBy("name")
    .execute();
  if (organisations.length === 0) return [];
  const reachable = new Set<string>();
  for (let i = 0; i < organisations.length; i += 500) {
    const people = await db
      .selectFrom("people")
      .select(["organisation_id", "email"])
      .where(
        "organisation_id",
        "in",
        organisations.slice(i, i + 500).map((o) => o.id),
      )
      .where("email", "is not", null)
      .execute();
    for (const p of people)
      if (p.organisation_id && p.email && !isErasedEmail(p.email)) reachable.add(p.organisation_id);
  }
  return organisations.filter((o) => !reachable.has(o.id));
}
