import { z } from "zod";
import { japanDay } from "../../i18n/dates.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { csvContentType, type Table, writeCsv } from "../files/csv.ts";
import { exportEncodings } from "../files/text-encoding.ts";
import { writeXlsx } from "../files/xlsx.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import { organisationColumnsSpec, personColumnsSpec } from "./import-columns.ts";

export const exportInput = z.object({
  kind: z.enum(["organisations", "people"]),
  format: z.enum(["csv", "xlsx"]),
  /** CSV only: UTF-8 with a BOM, or CP932 for older Excel (refused when a character does not fit) */
  encoding: z.enum(exportEncodings).default("utf-8"),
});

/** The whole registry's organisations or people in the import's columns (so it can round-trip). */
export async function exportRegistry(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  requireSecretariat(actor);
  const { kind, format, encoding } = parseInput(exportInput, input);
  let table: Table;
  if (kind === "organisations") {
    const rows = await deps.db
      .selectFrom("organisations")
      .selectAll()
      .where("merged_into_id", "is", null)
      .orderBy("reading")
      .orderBy("name")
      .execute();
    table = [
      organisationColumnsSpec.map((c) => c.header),
      ...rows.map((o) =>
        [
          o.name,
          o.reading,
          o.sector,
          o.prefecture,
          o.industry,
          o.size_band,
          o.membership,
          o.membership_type,
          o.member_since,
          o.website,
          o.address,
          o.notes,
        ].map((v) => v ?? ""),
      ),
    ];
  } else {
    const rows = await deps.db
      .selectFrom("people")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .selectAll("people")
      .select("organisations.name as organisation_name")
      .orderBy("people.family_reading")
      .orderBy("people.given_reading")
      .execute();
    table = [
      personColumnsSpec.map((c) => c.header),
      ...rows.map((p) =>
        [
          p.organisation_name,
          p.family_name,
          p.given_name,
          p.family_reading,
          p.given_reading,
          p.department,
          p.title,
          p.email,
          p.phone,
          p.mail_opt_in ? "1" : "0",
          p.notes,
        ].map((v) => v ?? ""),
      ),
    ];
  }
  const day = japanDay(deps.clock.now());
  // Written before the audit record, so a CP932 refusal leaves no record of an export that did not happen.
  const file =
    format === "csv"
      ? { fileName: `${kind}-${day}.csv`, contentType: csvContentType(encoding), bytes: writeCsv(table, { encoding }) }
      : {
          fileName: `${kind}-${day}.xlsx`,
          contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          bytes: await writeXlsx([{ name: kind, rows: table, columnWidth: 18 }]),
        };
  await recordAuditEvent(deps.db, deps.clock, actor, {
    action: "community.export",
    entityType: kind,
    after: { format, encoding, rows: table.length - 1 },
  });
  return file;
}
