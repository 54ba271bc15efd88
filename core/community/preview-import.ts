import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { newId } from "../../db/ids.ts";
import type { Actor } from "../accounts/actor.ts";
import { authorOf } from "../accounts/actor.ts";
import { readTableFile } from "../files/read-table-file.ts";
import { AppError, type FieldIssue } from "../shared/errors.ts";
import { zodIssuesToFields } from "../shared/validation.ts";
import { requireSecretariat } from "./access.ts";
import type { CommunityDeps } from "./deps.ts";
import {
  columnHeader,
  flagValue,
  isCodedColumn,
  mapHeader,
  organisationColumnsSpec,
  personColumnsSpec,
  readCodedValue,
  requiredColumns,
} from "./import-columns.ts";
import { normaliseSearch } from "./normalise-search.ts";
import { dayProblem, readDay } from "./posture-import-columns.ts";
import { organisationInput } from "./organisation-input.ts";
import { personInput } from "./person-input.ts";

export const importKinds = ["organisations", "people"] as const;
export type ImportKind = (typeof importKinds)[number];

export interface PreviewRow {
  /** the row's line in the file (the header is line 1) */
  line: number;
  values: Record<string, string>;
  /** the input the row will be written as, when it has no errors */
  input: Record<string, unknown> | null;
  errors: FieldIssue[];
  /** a likely duplicate: an existing record's name, or an earlier line of the file */
  duplicate: { existing?: string; line?: number } | null;
}

export interface ImportPreview {
  token: string;
  kind: ImportKind;
  rows: PreviewRow[];
  valid: number;
  invalid: number;
  duplicates: number;
}

export const IMPORT_TTL_MS = 60 * 60_000;

export function importTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Reads an uploaded CSV or XLSX (any encoding and within the limits of core/files) and checks every row as the form would, without writing to the
 * registry: each bad row is reported with its errors, and rows that look like an existing record
 * or an earlier row (same normalised name for organisations, same e-mail for people) are flagged.
 * The checked rows wait server-side under a one-time token until the secretariat confirms.
 */
export async function previewImport(
  deps: CommunityDeps,
  actor: Actor,
  input: { kind: unknown; bytes: Uint8Array },
): Promise<ImportPreview> {
  requireSecretariat(actor);
  const kind = z.enum(importKinds).safeParse(input.kind);
  if (!kind.success) throw new AppError("validation-failed", { fields: [{ field: "kind", code: "choice" }] });
  const table = await readTableFile(input.bytes, "file");
  const [header, ...body] = table;
  if (!header || body.length === 0)
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "community-import-empty" }] });
  const spec = kind.data === "organisations" ? organisationColumnsSpec : personColumnsSpec;
  const columns = mapHeader(header, spec);
  const missing = requiredColumns[kind.data].filter((key) => !columns.has(key));
  if (missing.length) {
    throw new AppError("validation-failed", {
      fields: [
        {
          field: "file",
          code: "community-import-columns",
          // Named in both languages: the file may be either.
          params: { columns: missing.map((k) => `${columnHeader(k, "ja")}（${columnHeader(k, "en")}）`).join("、") },
        },
      ],
    });
  }

  const organisations = await deps.db
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("merged_into_id", "is", null)
    .execute();
  const organisationByName = new Map(organisations.map((o) => [normaliseSearch(o.name), o]));
  const emails =
    kind.data === "people"
      ? new Map(
          (
            await deps.db
              .selectFrom("people")
              .select(["email", "family_name", "given_name"])
              .where("email", "is not", null)
              .execute()
          ).map((p) => [p.email!, `${p.family_name} ${p.given_name}`.trim()]),
        )
      : new Map<string, string>();
  const seen = new Map<string, number>();

  const rows = body.map((cells, index): PreviewRow => {
    const line = index + 2;
    const values = Object.fromEntries(
      spec.map((c) => [c.key, columns.has(c.key) ? (cells[columns.get(c.key)!] ?? "").trim() : ""]),
    );
    const errors: FieldIssue[] = [];
    let candidate: Record<string, unknown>;
    let duplicateKey: string;
    let existing: string | undefined;
    if (kind.data === "organisations") {
      // A coded cell may hold the code or its label in Japanese or English (長崎県, Nagasaki, nagasaki).
      candidate = Object.fromEntries(
        Object.entries(values).map(([key, text]) => {
          // A date as Excel re-saves it (2024/4/1) or in the era calendar (令和6年4月1日), as the posture import reads it.
          if (key === "memberSince" && text) {
            const day = readDay(text);
            if (day === null) {
              const problem = dayProblem(text);
              errors.push({ field: key, code: problem.code, params: problem.params });
            }
            return [key, day ?? text];
          }
          if (!isCodedColumn(key) || !text) return [key, text];
          const code = readCodedValue(key, text);
          if (code === null) errors.push({ field: key, code: "community-import-value", params: { value: text } });
          return [key, code ?? text];
        }),
      );
      duplicateKey = normaliseSearch(values.name ?? "");
      existing = organisationByName.get(duplicateKey)?.name;
    } else {
      const { organisation, mailOptIn, ...rest } = values;
      const owner = organisation ? organisationByName.get(normaliseSearch(organisation)) : undefined;
      if (organisation && !owner) errors.push({ field: "organisation", code: "community-unknown-organisation-name" });
      const optIn = flagValue(mailOptIn ?? "");
      if (optIn === null) errors.push({ field: "mailOptIn", code: "choice" });
      candidate = { ...rest, organisationId: owner?.id ?? null, mailOptIn: optIn ?? false };
      duplicateKey = (values.email ?? "").toLowerCase();
      existing = duplicateKey ? emails.get(duplicateKey) : undefined;
    }
    // An empty cell means "not given", as an absent field does in the API.
    const given = Object.fromEntries(Object.entries(candidate).filter(([, v]) => v !== ""));
    const parsed = (kind.data === "organisations" ? organisationInput : personInput).safeParse(given);
    // A cell already named as unknown is not named twice.
    if (!parsed.success)
      errors.push(...zodIssuesToFields(parsed.error.issues).filter((z) => !errors.some((e) => e.field === z.field)));
    const earlier = duplicateKey ? seen.get(duplicateKey) : undefined;
    if (duplicateKey && earlier === undefined) seen.set(duplicateKey, line);
    const duplicate = existing || earlier ? { existing, line: earlier } : null;
    return {
      line,
      values,
      input: parsed.success && errors.length === 0 ? (parsed.data as Record<string, unknown>) : null,
      errors,
      duplicate,
    };
  });

  const token = randomBytes(24).toString("base64url");
  const now = deps.clock.now();
  await deps.db.deleteFrom("community_imports").where("expires_at", "<", now.toISOString()).execute();
  await deps.db
    .insertInto("community_imports")
    .values({
      id: newId(now.getTime()),
      token_hash: importTokenHash(token),
      kind: kind.data,
      created_by: authorOf(actor),
      rows_json: JSON.stringify(rows),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + IMPORT_TTL_MS).toISOString(),
      confirmed_at: null,
    })
    .execute();
  return {
    token,
    kind: kind.data,
    rows,
    valid: rows.filter((r) => r.errors.length === 0).length,
    invalid: rows.filter((r) => r.errors.length > 0).length,
    duplicates: rows.filter((r) => r.duplicate).length,
  };
}
