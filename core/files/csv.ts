/**
 * The product's one CSV writer and one CSV reader (docs/csv.md). Every export and import goes
 * through here, so quoting, the formula guard, encodings and limits are decided once.
 *
 * Writing: RFC 4180 via csv-stringify, CRLF line ends, UTF-8 with a BOM (Excel in Japan then
 * opens it as UTF-8) or CP932 on request. A text cell that a spreadsheet would run as a formula
 * gets a leading `'` (OWASP's CSV injection advice), always.
 * Reading: csv-parse after `decodeText` found the encoding; commas or tabs, whichever the file uses.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { AppError } from "../shared/errors.ts";
import { parseInput } from "../shared/validation.ts";
import { describeLimit, fileLimits } from "./limits.ts";
import {
  cp932Holds,
  decodeText,
  encodeCp932,
  type ExportEncoding,
  exportEncodings,
  type TextEncoding,
  toCp932Twins,
} from "./text-encoding.ts";

export type Cell = string | number | null | undefined;
export type Table = string[][];

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR before one) as a
 * formula; Japanese Excel also takes the full-width ＝ ＋ － ＠ typed through an IME. Leading
 * apostrophes are part of the pattern so that the guard can be undone exactly: a text that
 * already starts with `'=` gets a second `'`, and reading removes exactly one.
 */
const FORMULA_START = /^'*[=+\-@\t\r＝＋－＠]/;
const GUARDED = /^'+[=+\-@\t\r＝＋－＠]/;

/** The cell as text a spreadsheet shows and never evaluates. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of `guardFormula`, applied by the reader so an export re-imports unchanged. */
export function unguardFormula(text: string): string {
  return GUARDED.test(text) ? text.slice(1) : text;
}

function cellText(value: Cell): string {
  if (value === null || value === undefined) return "";
  // A number is written by us, never typed by a person: it cannot carry a formula.
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  return guardFormula(value);
}

/** Rows as CSV text (no BOM), every text cell guarded. */
export function toCsvText(rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    {
      record_delimiter: "\r\n",
      // Leading or trailing spaces are quoted so that no reader trims them away; csv-stringify
      // quotes a line break only when it is the whole record delimiter, so a lone CR or LF is named;
      // a tab is quoted so that the reader never takes our CSV for TSV.
      quoted_match: /[\r\n\t]|^\s|\s$/,
    },
  );
}

export interface CsvWriteOptions {
  /**
   * "utf-8" (the default: UTF-8 with a BOM) or "cp932"; a download route passes its `?encoding=`
   * as it came, and anything else is a 422 on `encoding`.
   */
  encoding?: string | null;
}

/**
 * Rows as a CSV file for Excel. CP932 cannot hold every character (emoji, many symbols, some
 * kanji variants): each one is listed in a 422 with the cells it is in, never replaced by `?`.
 */
export function writeCsv(rows: readonly (readonly Cell[])[], options: CsvWriteOptions = {}): Uint8Array<ArrayBuffer> {
  const encoding = parseExportEncoding(options.encoding);
  const text = toCsvText(rows);
  if (encoding !== "cp932") return new TextEncoder().encode(`\uFEFF${text}`);
  const missing = charactersCp932Lacks(rows);
  if (missing.characters.length) {
    throw new AppError("validation-failed", {
      fields: [
        {
          field: "encoding",
          code: "file-cp932-unmappable",
          params: { characters: missing.characters.join(" "), cells: missing.cells.join(", "), count: missing.count },
        },
      ],
    });
  }
  return encodeCp932(text);
}

const encodingQuery = z.object({ encoding: z.enum(exportEncodings).default("utf-8") });

/** A download route's `?encoding=` (absent: UTF-8 with a BOM; an unknown value: 422 on `encoding`). */
export function parseExportEncoding(value: string | null | undefined): ExportEncoding {
  return parseInput(encodingQuery, { encoding: value || undefined }).encoding;
}

/** The Content-Type of what `writeCsv` wrote for that `encoding` option. */
export function csvContentType(encoding: string | null | undefined): string {
  return `text/csv; charset=${parseExportEncoding(encoding) === "cp932" ? "shift_jis" : "utf-8"}`;
}

/** Spreadsheet-style cell names (A1, B2…) of the cells holding characters CP932 lacks. */
export function charactersCp932Lacks(rows: readonly (readonly Cell[])[]): {
  characters: string[];
  cells: string[];
  count: number;
} {
  const characters = new Set<string>();
  const cells: string[] = [];
  for (const [r, row] of rows.entries()) {
    for (const [c, value] of row.entries()) {
      if (typeof value !== "string") continue;
      let lacking = false;
      for (const ch of toCp932Twins(value)) {
        if (ch.charCodeAt(0) < 0x80 || cp932Holds(ch)) continue;
        characters.add(ch);
        lacking = true;
      }
      if (lacking) cells.push(`${columnName(c)}${r + 1}`);
    }
  }
  // The message names the first twenty cells and says how many there are.
  return { characters: [...characters].slice(0, 40), cells: cells.slice(0, 20), count: cells.length };
}

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Tab-separated when the first lines hold more tabs than commas outside quotes (Teams, Webex
 * export TSV). The writer quotes every cell holding a tab, so its own files always read as CSV.
 */
function delimiterOf(text: string): "," | "\t" {
  let tabs = 0;
  let commas = 0;
  let quoted = false;
  for (let i = 0; i < Math.min(text.length, 8192); i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === "\t") tabs++;
    else if (!quoted && c === ",") commas++;
  }
  return tabs > commas ? "\t" : ",";
}

export interface ReadCsvResult {
  rows: Table;
  encoding: TextEncoding;
  delimiter: "," | "\t";
}

function tooMuch(
  field: string,
  code: string,
  limit: Parameters<typeof describeLimit>[0],
  params: Record<string, string | number> = {},
) {
  return new AppError("validation-failed", {
    fields: [{ field, code, params: { limit: describeLimit(limit), ...params } }],
  });
}

/**
 * A CSV or TSV file's rows, in any of the encodings `decodeText` knows. Rows whose cells are all
 * blank are left out; the formula guard is undone. A file over the limits is refused with the
 * limit named (422 on `field`), and so is one whose quotes do not close.
 */
export function readCsv(input: Uint8Array | string, field: string): ReadCsvResult {
  if (typeof input !== "string" && input.byteLength > fileLimits.fileBytes)
    throw tooMuch(field, "file-too-large", "fileBytes");
  const { text, encoding } =
    typeof input === "string"
      ? { text: input.replace(/^\uFEFF/, ""), encoding: "utf-8" as const }
      : decodeText(input, field);
  if (text.length > fileLimits.fileBytes) throw tooMuch(field, "file-too-large", "fileBytes");
  const delimiter = delimiterOf(text);
  let records: string[][];
  let kept = 0;
  try {
    records = parse(text, {
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_quotes: true,
      relax_column_count: true,
      // csv-parse counts this in characters of one field: it bounds a cell, and an unclosed quote.
      max_record_size: fileLimits.cellChars * 4,
      on_record: (record: string[], context: { lines: number }) => {
        if (record.every((cell) => cell.trim() === "")) return null;
        if (++kept > fileLimits.rows) throw tooMuch(field, "file-too-many-rows", "rows");
        if (record.length > fileLimits.columns && record.slice(fileLimits.columns).some((c) => c.trim() !== "")) {
          throw tooMuch(field, "file-too-many-columns", "columns", { line: context.lines });
        }
        for (const cell of record)
          if (cell.length > fileLimits.cellChars)
            throw tooMuch(field, "file-cell-too-long", "cellChars", { line: context.lines });
        return record.slice(0, fileLimits.columns).map(unguardFormula);
      },
    }) as string[][];
  } catch (error) {
    if (error instanceof AppError) throw error;
    const { code, lines } = error as { code?: string; lines?: number };
    if (code === "CSV_MAX_RECORD_SIZE") throw tooMuch(field, "file-cell-too-long", "cellChars", { line: lines ?? 0 });
    throw new AppError("validation-failed", {
      fields: [{ field, code: "file-csv-malformed", params: { line: lines ?? 0 } }],
    });
  }
  return { rows: records, encoding, delimiter };
}
