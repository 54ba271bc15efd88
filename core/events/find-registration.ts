import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { registrationTokenHash } from "./registration-links.ts";

/** The registration a registrant's link token belongs to, if any. */
export async function findRegistrationByToken(
  db: Kysely<DB>,
  token: string,
): Promise<Row<"registrations"> | undefined> {
  if (!token || token.length > 200) return undefined;
  return db
    .selectFrom("registrations")
    .selectAll()
    .where("token_hash", "=", registrationTokenHash(token))
    .executeTakeFirst();
}
