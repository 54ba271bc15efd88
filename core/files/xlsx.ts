/**
 * XLSX both ways through exceljs (docs/csv.md).
 *
 * Writing: every text cell is a string cell. exceljs writes a JavaScript string as a shared or
 * inline string and only an object `{ formula }` as a formula, so `=HYPERLINK(…)` typed by a
 * respondent stays text that Excel shows and never runs; nothing here builds formula cells.
 *
 * Reading is bounded in memory. A workbook is a zip of XML, and a small zip can hold a great deal:
 * 300 KB of repetitive XML cells inflate to tens of MB, and exceljs's in-memory `load` builds an
 * object per cell (and the old reader then asked every row for `columnCount` cells, the width of
 * the widest row, so one stray cell in column XFD made every row 16,384 cells wide). So the file is
 * first measured with unzipper, the zip parser exceljs itself uses (the same bytes are seen the
 * same way): entry count, inflated size per entry and in all, sheets, cells per row and the
 * longest stretch of XML without a tag, each against `fileLimits`, without keeping what it
 * inflates. Only then does exceljs's streaming reader read it, one row at a time.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import unzipper from "unzipper";
import { AppError } from "../shared/errors.ts";
import type { Cell, Table } from "./csv.ts";
import { describeLimit, type FileLimit, fileLimits } from "./limits.ts";

export interface XlsxSheet {
  name: string;
  rows: readonly (readonly Cell[])[];
  /** header rows at the top: the first is bold, the others italic, all stay in view when scrolling */
  headerRows?: number;
  /** the width of every column, in characters (Excel's default when absent) */
  columnWidth?: number;
}

/** A sheet name Excel accepts: no []:*?/\ and at most 31 characters, unique in the workbook. */
function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[\\/*?:[\]]/g, " ")
      .slice(0, 31)
      .trim() || "Sheet";
  let candidate = base;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Chiiki";
  const taken = new Set<string>();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(sheetName(spec.name, taken));
    const headerRows = spec.headerRows ?? 1;
    spec.rows.forEach((cells, index) => {
      // Strings go in as strings: exceljs makes a formula only from `{ formula }`, which we never pass.
      const row = sheet.addRow(
        cells.map((v) => (v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? null : v)),
      );
      if (index < headerRows) row.font = index === 0 ? { bold: true } : { italic: true };
    });
    if (headerRows > 0) sheet.views = [{ state: "frozen", ySplit: headerRows }];
    if (spec.columnWidth)
      sheet.columns.forEach((column) => {
        column.width = spec.columnWidth;
      });
  }
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

class LimitExceeded extends Error {
  readonly limit: FileLimit;
  readonly params: Record<string, string | number>;
  constructor(limit: FileLimit, params: Record<string, string | number> = {}) {
    super(`xlsx limit ${limit}`);
    this.limit = limit;
    this.params = params;
  }
}

const limitCodes: Record<FileLimit, string> = {
  fileBytes: "file-too-large",
  rows: "file-too-many-rows",
  columns: "file-too-many-columns",
  cellChars: "file-cell-too-long",
  zipEntries: "file-xlsx-too-many-entries",
  sheets: "file-xlsx-too-many-sheets",
  entryBytes: "file-xlsx-inflated-too-large",
  inflatedBytes: "file-xlsx-inflated-too-large",
  sharedStringsBytes: "file-xlsx-inflated-too-large",
  stylesBytes: "file-xlsx-inflated-too-large",
  cellsPerRow: "file-xlsx-row-too-wide",
  xmlRunBytes: "file-xlsx-malformed",
};

function refusal(field: string, limit: FileLimit, params: Record<string, string | number> = {}) {
  return new AppError("validation-failed", {
    fields: [{ field, code: limitCodes[limit], params: { limit: describeLimit(limit), ...params } }],
  });
}

const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
/** the parts exceljs's streaming reader parses as XML */
const PARSED_PARTS = new Set([
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/sharedStrings.xml",
  "xl/styles.xml",
]);
const isParsed = (path: string) =>
  PARSED_PARTS.has(path) || /^xl\/worksheets\/(_rels\/)?sheet\d+\.xml(\.rels)?$/.test(path);

const isTagEnd = (b: number) => b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * Counts what one XML part would make exceljs hold: the longest stretch without `<` (a text node
 * or a tag, both kept whole while parsed) and, in a sheet, the `<c` cells of each `<row`.
 */
class XmlScan {
  private run = 0;
  private afterLt = -1;
  private head = [0, 0, 0, 0];
  private cellsInRow = 0;
  private readonly sheet: boolean;
  constructor(sheet: boolean) {
    this.sheet = sheet;
  }

  feed(chunk: Buffer) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b === 0x3c) {
        this.run = 0;
        this.afterLt = 0;
        continue;
      }
      if (++this.run > fileLimits.xmlRunBytes) throw new LimitExceeded("xmlRunBytes");
      if (!this.sheet || this.afterLt < 0) continue;
      this.head[this.afterLt++] = b;
      if (this.afterLt === 2 && this.head[0] === 0x63 && isTagEnd(b)) {
        if (++this.cellsInRow > fileLimits.cellsPerRow) throw new LimitExceeded("cellsPerRow");
        this.afterLt = -1;
      } else if (this.afterLt === 4) {
        if (this.head[0] === 0x72 && this.head[1] === 0x6f && this.head[2] === 0x77 && isTagEnd(b)) this.cellsInRow = 0;
        this.afterLt = -1;
      }
    }
  }
}

/**
 * The file as a stream of 64 KB chunks: unzipper joins what it has not consumed with each new
 * chunk, so one 10 MB chunk would be copied again and again.
 */
function chunked(bytes: Uint8Array): Readable {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Readable.from(
    (function* () {
      for (let at = 0; at < buffer.length; at += 65_536) yield buffer.subarray(at, at + 65_536);
    })(),
  );
}

/** Inflates every entry once, keeping nothing, and throws LimitExceeded at the first limit passed. */
async function measureXlsx(bytes: Uint8Array): Promise<void> {
  const zip = chunked(bytes).pipe(unzipper.Parse({ forceStream: true }));
  let entries = 0;
  let sheets = 0;
  let inflated = 0;
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      if (++entries > fileLimits.zipEntries) throw new LimitExceeded("zipEntries");
      if (SHEET.test(entry.path) && ++sheets > fileLimits.sheets) throw new LimitExceeded("sheets");
      const cap: FileLimit =
        entry.path === "xl/sharedStrings.xml"
          ? "sharedStringsBytes"
          : entry.path === "xl/styles.xml"
            ? "stylesBytes"
            : "entryBytes";
      const scan = isParsed(entry.path) ? new XmlScan(SHEET.test(entry.path)) : null;
      let size = 0;
      for await (const chunk of entry as AsyncIterable<Buffer>) {
        size += chunk.length;
        inflated += chunk.length;
        if (size > fileLimits[cap]) throw new LimitExceeded(cap);
        if (inflated > fileLimits.inflatedBytes) throw new LimitExceeded("inflatedBytes");
        scan?.feed(chunk);
      }
    }
  } finally {
    zip.destroy();
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    return "";
  }
  return String(value);
}

/**
 * The first worksheet's rows as text (a date as YYYY-MM-DD, a formula as its cached result),
 * rows without a value left out, each row as wide as its last value. Refuses (422 on `field`)
 * a workbook over any of `fileLimits`, naming the limit, and one that does not open.
 */
export async function readXlsx(bytes: Uint8Array, field: string): Promise<Table> {
  if (bytes.byteLength > fileLimits.fileBytes) throw refusal(field, "fileBytes");
  try {
    await measureXlsx(bytes);
    // exceljs's streaming reader (over unzipper 0.10's Parse) now and then ends before the zip's
    // last entry; exceljs writes xl/workbook.xml last, and the reader then fails on the workbook
    // it never read (the round-trip property test in core/community found it under load). The
    // same bytes read again are read whole, so a pass that missed the workbook is done once more.
    for (let attempt = 1; ; attempt++) {
      const pass = await readFirstSheet(bytes);
      if (pass.complete) return pass.table;
      if (attempt === 3) throw new Error("the workbook part was never read");
    }
  } catch (error) {
    if (error instanceof LimitExceeded) throw refusal(field, error.limit, error.params);
    if (error instanceof AppError) throw error;
    throw new AppError("validation-failed", { fields: [{ field, code: "file-xlsx-malformed" }], cause: error });
  }
}

/** One streaming pass over the first worksheet; `complete` says whether the reader saw xl/workbook.xml. */
async function readFirstSheet(bytes: Uint8Array): Promise<{ table: Table; complete: boolean }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(chunked(bytes), {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
  // Until xl/workbook.xml is parsed the reader has no model; a sheet reached before it (or
  // without it) would throw on `model.sheets`. The placeholder tells afterwards whether it came.
  const placeholder = { sheets: [] };
  const model = reader as unknown as { model?: unknown };
  model.model = placeholder;
  const table: Table = [];
  let first = true;
  let refused: LimitExceeded | null = null;
  for await (const worksheet of reader) {
    // Every sheet is read to its end, also after a refusal (the measure bounds that work): exceljs
    // removes a sheet's temporary file only then, and a refused file should leave nothing behind.
    for await (const row of worksheet) {
      if (!first || refused) continue;
      try {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const text = cellText(cell.value).trim();
          if (!text) return;
          if (column > fileLimits.columns) throw new LimitExceeded("columns", { line: row.number });
          if (text.length > fileLimits.cellChars) throw new LimitExceeded("cellChars", { line: row.number });
          while (cells.length < column - 1) cells.push("");
          cells[column - 1] = text;
        });
        if (!cells.length) continue;
        if (table.length >= fileLimits.rows) throw new LimitExceeded("rows");
        table.push(cells);
      } catch (error) {
        if (!(error instanceof LimitExceeded)) throw error;
        refused = error;
        table.length = 0;
      }
    }
    first = false;
  }
  if (refused) throw refused;
  return { table, complete: model.model !== placeholder };
}
