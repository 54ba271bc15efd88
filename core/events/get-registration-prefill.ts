import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import type { Actor } from "../accounts/actor.ts";

export interface RegistrationPrefill {
  name: string;
  email: string;
  organisation: string;
  organisationId: string;
  sector: string;
}

/** A signed-in person's details for the registration form: their account, and their registry entry if any. */
export async function getRegistrationPrefill(db: Kysely<DB>, actor: Actor): Promise<RegistrationPrefill | null> {
  if (actor.kind !== "user") return null;
  const person = await db
    .selectFrom("people")
    .leftJoin("organisations", "organisations.id", "people.organisation_id")
    .select([
      "people.family_name",
      "people.given_name",
      "organisations.id as organisationId",
      "organisations.name as organisation",
      "organisations.sector",
    ])
    .where((eb) => eb.or([eb("people.user_id", "=", actor.userId), eb("people.email", "=", actor.email.toLowerCase())]))
    .executeTakeFirst();
  return {
    name: person ? `${person.family_name} ${person.given_name}`.trim() : actor.name,
    email: actor.email,
    organisation: person?.organisation ?? "",
    organisationId: person?.organisationId ?? "",
    sector: person?.sector ?? "",
  };
}
