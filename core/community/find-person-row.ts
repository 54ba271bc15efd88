import type { Kysely } from "kysely";
import type { DB, Row } from "../../db/schema.ts";
import { AppError } from "../shared/errors.ts";

export async function findPersonRow(db: Kysely<DB>, id: string): Promise<Row<"people">> {
  const row = await db.selectFrom("people").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("not-found");
  return row;
}
