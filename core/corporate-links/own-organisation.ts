import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";
import { findOrganisationRow } from "../community/find-organisation-row.ts";
import { AppError } from "../shared/errors.ts";

/**
 * The community's own organisation (through its scoped database: another community's id is not
 * found) and its 法人番号; a link needs one, on a record not merged away.
 */
export async function ownNumberedOrganisation(
  db: Kysely<DB>,
  id: string,
): Promise<{ id: string; name: string; corporateNumber: string }> {
  const row = await findOrganisationRow(db, id);
  if (!row.corporate_number || row.merged_into_id)
    throw new AppError("validation-failed", {
      fields: [{ field: "organisationId", code: "corporate-link-no-number" }],
    });
  return { id: row.id, name: row.name, corporateNumber: row.corporate_number };
}
