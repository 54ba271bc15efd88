import { z } from "zod";
import { japanDay } from "../../i18n/dates.ts";
import type { Actor } from "../accounts/actor.ts";
import { recordAuditEvent } from "../audit/record-audit-event.ts";
import { csvContentType, type Table, writeCsv } from "../files/csv.ts";
import { exportEncodings } from "../files/text-encoding.ts";
import { writeXlsx } from "../files/xlsx.ts";
import { locales } from "../../i18n/index.ts";
import { parseInput } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import {
  columnHeader,
  organisationColumnsSpec,
  personColumnsSpec,
  writeCodedValue,
  writeFlag,
} from "./import-columns.ts";

export const exportInput = z.object({
  kind: z.enum(["organisations", "people"]),
  format: z.enum(["csv", "xlsx"]),
  /** CSV only: UTF-8 with a BOM, or CP932 for older Excel (refused when a character does not fit) */
  encoding: z.enum(exportEncodings).default("utf-8"),
  /** the language of the headers and labels (長崎県 or Nagasaki); the import reads either */
  locale: z.enum(locales).default("ja"),
});

/** Rows in one order on both databases (code-point order of every cell), so an export is reproducible. */
function sortRows(rows: string[][]): string[][] {
  const compare = (a: string[], b: string[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    return 0;
  };
  return rows.sort(compare);
}

/**
 * The whole registry's organisations or people in the import's columns, headers and coded values
 * in the reader's language (so it can round-trip: importing it and exporting again gives the same file).
 */
export async function exportRegistry(
  deps: CommunityDeps,
  actor: Actor,
  input: unknown,
): Promise<{ fileName: string; contentType: string; bytes: Uint8Array }> {
  requireSecretariat(actor);
  const { kind, format, encoding, locale } = parseInput(exportInput, input);
  let table: Table;
  if (kind === "organisations") {
    const rows = await deps.db.selectFrom("organisations").selectAll().where("merged_into_id", "is", null).execute();
    table = [
      organisationColumnsSpec.map((c) => columnHeader(c.key, locale)),
      ...sortRows(
        rows.map((o) =>
          [
            o.reading,
            o.name,
            o.reading,
            writeCodedValue("sector", o.sector, locale),
            writeCodedValue("prefecture", o.prefecture, locale),
            writeCodedValue("industry", o.industry, locale),
            writeCodedValue("sizeBand", o.size_band, locale),
            writeCodedValue("membership", o.membership, locale),
            o.membership_type,
            o.member_since,
            o.website,
            o.address,
            o.notes,
          ].map((v) => v ?? ""),
        ),
      ).map((row) => row.slice(1)),
    ];
  } else {
    const rows = await deps.db
      .selectFrom("people")
      .leftJoin("organisations", "organisations.id", "people.organisation_id")
      .selectAll("people")
      .select("organisations.name as organisation_name")
      .execute();
    table = [
      personColumnsSpec.map((c) => columnHeader(c.key, locale)),
      ...sortRows(
        rows.map((p) =>
          [
            `${p.family_reading ?? ""}\u0000${p.given_reading ?? ""}`,
            p.organisation_name,
            p.family_name,
            p.given_name,
            p.family_reading,
            p.given_reading,
            p.department,
            p.title,
            p.email,
            p.phone,
            writeFlag(Boolean(p.mail_opt_in), locale),
            p.notes,
          ].map((v) => v ?? ""),
        ),
      ).map((row) => row.slice(1)),
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
    after: { format, encoding, locale, rows: table.length - 1 },
  });
  return file;
}
