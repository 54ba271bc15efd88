import { createHash, randomBytes } from "node:crypto";
import { newId } from "../../db/ids.ts";
import { type Actor, authorOf } from "../accounts/actor.ts";
import { readTableFile } from "../files/read-table-file.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { zodIssuesToFields } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import { isValidCorporateNumber, normaliseCorporateNumber } from "./corporate-number.ts";
import type { CommunityDeps } from "./deps.ts";
import { columnHeader } from "./import-columns.ts";
import { type PostureKind, postureKinds } from "./posture-codes.ts";
import {
  mapPostureHeader,
  type PostureImportColumn,
  postureColumnsOf,
  postureImportColumns,
  dayProblem,
  readDay,
  readPostureLevel,
} from "./posture-import-columns.ts";
import { postureOn, toPostureRecordView } from "./posture-record.ts";
import { postureInputSchema } from "./record-posture.ts";

export interface PostureImportRecord {
  kind: PostureKind;
  level: string;
  reference: string | null;
  since: string | null;
  validUntil: string | null;
  note: string | null;
  /** the organisation's latest record of this kind says the same: nothing to write */
  unchanged: boolean;
}

export interface PostureImportRow {
  /** the row's line in the file (the header is line 1) */
  line: number;
  values: Partial<Record<PostureImportColumn, string>>;
  /** the organisation it was matched to, by 法人番号 or by its exact name */
  organisation: { id: string; name: string; by: "corporate-number" | "name" } | null;
  records: PostureImportRecord[];
  /** why the row is refused (empty: accepted) */
  errors: FieldIssue[];
}

export interface PostureImportPreview {
  token: string;
  rows: PostureImportRow[];
  /** rows that will be written (some record changes) */
  accepted: number;
  /** rows that say what the registry already says */
  unchanged: number;
  refused: number;
  /** posture records the commit will write */
  records: number;
}

export const POSTURE_IMPORT_TTL_MS = 60 * 60_000;

export function postureImportTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const issue = (field: string, code: string, params?: Record<string, string | number>): FieldIssue =>
  params ? { field, code, params } : { field, code };

/**
 * Reads a security posture file (CSV in UTF-8, UTF-16 or CP932, or XLSX, through the one table
 * reader) and checks every row without writing: each row is matched to an organisation by its
 * 法人番号, else by its exact name, and each kind it fills in (SECURITY ACTION, SCS評価制度,
 * お助け隊, cyber insurance) is checked as the posture form checks it. A refused row says why; a
 * row that repeats what is recorded is marked unchanged. The checked rows wait under a one-time
 * token for `commitPostureImport`.
 */
export async function previewPostureImport(
  deps: CommunityDeps,
  actor: Actor,
  input: { bytes: Uint8Array },
): Promise<PostureImportPreview> {
  requireSecretariat(actor);
  const table = await readTableFile(input.bytes, "file");
  const [header, ...body] = table;
  if (!header || body.length === 0)
    throw new AppError("validation-failed", { fields: [issue("file", "community-import-empty")] });
  const columns = mapPostureHeader(header);
  const levelColumns = postureKinds.map((k) => postureColumnsOf[k].level);
  if (!columns.has("corporateNumber") && !columns.has("name"))
    throw new AppError("validation-failed", {
      fields: [
        issue("file", "community-import-columns", {
          columns: (["corporateNumber", "name"] as const)
            .map((k) => `${columnHeader(k, "ja")}（${columnHeader(k, "en")}）`)
            .join(" / "),
        }),
      ],
    });
  if (!levelColumns.some((c) => columns.has(c)))
    throw new AppError("validation-failed", {
      fields: [
        issue("file", "community-import-columns", {
          columns: levelColumns.map((k) => `${columnHeader(k, "ja")}（${columnHeader(k, "en")}）`).join(" / "),
        }),
      ],
    });

  const organisations = await deps.db
    .selectFrom("organisations")
    .select(["id", "name", "corporate_number"])
    .where("merged_into_id", "is", null)
    .execute();
  const byNumber = new Map(organisations.filter((o) => o.corporate_number).map((o) => [o.corporate_number!, o]));
  const byName = new Map<string, typeof organisations>();
  for (const o of organisations) byName.set(o.name.trim(), [...(byName.get(o.name.trim()) ?? []), o]);
  // Each organisation's history once, so a long file does not scan every record per row.
  const history = new Map<string, ReturnType<typeof toPostureRecordView>[]>();
  for (const row of await deps.db.selectFrom("organisation_posture").selectAll().execute()) {
    const list = history.get(row.organisation_id) ?? [];
    list.push(toPostureRecordView(row));
    history.set(row.organisation_id, list);
  }
  const latest = (organisationId: string, kind: PostureKind) =>
    postureOn(history.get(organisationId) ?? [], "9999-12-31")[kind]?.record ?? null;
  const seen = new Map<string, number>();

  const rows: PostureImportRow[] = [];
  body.forEach((cells, index) => {
    const line = index + 2;
    const values: Partial<Record<PostureImportColumn, string>> = {};
    for (const key of postureImportColumns) {
      const at = columns.get(key);
      const text = at === undefined ? "" : (cells[at] ?? "").trim();
      if (text) values[key] = text;
    }
    if (Object.keys(values).length === 0) return; // a blank line
    const errors: FieldIssue[] = [];

    // Which organisation: the 法人番号 decides when given; else the name, exactly and only once.
    let organisation: PostureImportRow["organisation"] = null;
    if (values.corporateNumber) {
      const number = normaliseCorporateNumber(values.corporateNumber);
      const found = isValidCorporateNumber(number) ? byNumber.get(number) : undefined;
      if (!isValidCorporateNumber(number)) errors.push(issue("corporateNumber", "community-corporate-number"));
      else if (!found) errors.push(issue("corporateNumber", "posture-import-unknown-number", { number }));
      else organisation = { id: found.id, name: found.name, by: "corporate-number" };
    } else if (values.name) {
      const found = byName.get(values.name) ?? [];
      if (found.length === 1) organisation = { id: found[0]!.id, name: found[0]!.name, by: "name" };
      else if (found.length > 1) errors.push(issue("name", "posture-import-ambiguous-name", { count: found.length }));
      else errors.push(issue("name", "community-unknown-organisation-name"));
    } else errors.push(issue("name", "posture-import-no-organisation"));

    const records: PostureImportRecord[] = [];
    for (const kind of postureKinds) {
      const cols = postureColumnsOf[kind];
      const given = [cols.level, cols.reference, cols.since, cols.validUntil].filter((c): c is PostureImportColumn =>
        Boolean(c && values[c]),
      );
      if (!given.length) continue;
      const levelText = values[cols.level];
      if (!levelText) {
        errors.push(issue(cols.level, "required"));
        continue;
      }
      const read = readPostureLevel(kind, levelText);
      if (!read) {
        errors.push(issue(cols.level, "community-import-value", { value: levelText }));
        continue;
      }
      const before = errors.length;
      const day = (col: PostureImportColumn | undefined) => {
        const text = col ? values[col] : undefined;
        if (!text) return null;
        const parsed = readDay(text);
        if (parsed === null) {
          const problem = dayProblem(text);
          errors.push(issue(col!, problem.code, problem.params));
        }
        return parsed;
      };
      const candidate = {
        kind,
        level: read.level,
        reference: (cols.reference ? values[cols.reference] : read.reference) ?? null,
        since: day(cols.since),
        validUntil: day(cols.validUntil),
        note: values.note ?? null,
      };
      if (errors.length > before) continue;
      const parsed = postureInputSchema.safeParse(candidate);
      if (!parsed.success) {
        const where: Record<string, PostureImportColumn | undefined> = {
          level: cols.level,
          reference: cols.reference ?? cols.level,
          since: cols.since,
          validUntil: cols.validUntil ?? cols.since,
          note: "note",
        };
        for (const f of zodIssuesToFields(parsed.error.issues))
          errors.push({ ...f, field: where[f.field] ?? cols.level });
        continue;
      }
      if (organisation) {
        const key = `${organisation.id}\u001f${kind}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          errors.push(issue(cols.level, "posture-import-duplicate", { line: earlier }));
          continue;
        }
        seen.set(key, line);
      }
      const last = organisation ? latest(organisation.id, kind) : null;
      const unchanged =
        last !== null &&
        last.level === candidate.level &&
        (last.reference ?? null) === candidate.reference &&
        (last.since ?? null) === candidate.since &&
        (last.validUntil ?? null) === candidate.validUntil;
      records.push({ ...candidate, unchanged });
    }
    if (!records.length && !errors.length)
      errors.push(issue(levelColumns.find((c) => columns.has(c))!, "posture-import-nothing"));
    rows.push({ line, values, organisation, records: errors.length ? [] : records, errors });
  });
  if (!rows.length) throw new AppError("validation-failed", { fields: [issue("file", "community-import-empty")] });

  const token = randomBytes(24).toString("base64url");
  const now = deps.clock.now();
  await deps.db
    .deleteFrom("posture_imports")
    .where("expires_at", "<", now.toISOString())
    .where("committed_at", "is", null)
    .execute();
  await deps.db
    .insertInto("posture_imports")
    .values({
      id: newId(now.getTime()),
      token_hash: postureImportTokenHash(token),
      created_by: authorOf(actor),
      rows_json: JSON.stringify(rows),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + POSTURE_IMPORT_TTL_MS).toISOString(),
      committed_at: null,
      written: null,
    })
    .execute();
  const accepted = rows.filter((r) => !r.errors.length && r.records.some((x) => !x.unchanged));
  return {
    token,
    rows,
    accepted: accepted.length,
    unchanged: rows.filter((r) => !r.errors.length && r.records.every((x) => x.unchanged)).length,
    refused: rows.filter((r) => r.errors.length).length,
    records: accepted.reduce((n, r) => n + r.records.filter((x) => !x.unchanged).length, 0),
  };
}
