import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { type Actor, requireSecretariat } from "../accounts/actor.ts";

export interface Choice {
  value: string;
  label: string;
}

/**
 * Whom a post (AMBER: organisations, RED: people) or a hand-picked mailing can be addressed to:
 * organisations not merged into another, people with their organisation, in reading order.
 * Only the secretariat addresses posts and mailings.
 */
export async function listAudienceChoices(
  db: Kysely<DB>,
  actor: Actor,
): Promise<{ organisations: Choice[]; people: Choice[] }> {
  requireSecretariat(actor);
  const organisations = await db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("merged_into_id", "is", null)
    .orderBy("reading")
    .orderBy("name")
    .execute();
  const people = await db
    .selectFrom("people")
    .leftJoin("organisations", "organisations.id", "people.organisation_id")
    .select(["people.id", "people.family_name", "people.given_name", "organisations.name as organisation"])
    .orderBy("people.family_reading")
    .orderBy("people.family_name")
    .execute();
  return {
    organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
    people: people.map((p) => ({
      value: p.id,
      label: `${p.family_name} ${p.given_name}${p.organisation ? `（${p.organisation}）` : ""}`,
    })),
  };
}
