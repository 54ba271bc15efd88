import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";

/** The organisation with this id, or not-found (merged records still resolve, for their links). */
export async function findOrganisationRow(db: Kysely<DB>, id: string): Promise<Row<"organisations">> {
  const row = await db.selectFrom("organisations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return row;
}
