/**
 * What an imported table file may hold (docs/csv.md). Every import (registry, survey answers,
 * attendance) reads through `readTableFile`, so these are the product's limits: generous for a
 * regional community's data (hundreds of organisations, a few thousand answers or attendees) and
 * small enough that a hostile file cannot take the server's memory (issue 13 item 17).
 */
import { AppError } from "../shared/errors.ts";

export const fileLimits = {
  /** the uploaded file as sent (CSV bytes, or the XLSX zip) */
  fileBytes: 10 * 1024 * 1024,
  /** rows that hold a value, the header included */
  rows: 20_000,
  /** columns that hold a value */
  columns: 200,
  /** characters in one cell (Excel's own limit is 32,767) */
  cellChars: 10_000,
  /** XLSX: entries in the zip */
  zipEntries: 500,
  /** XLSX: worksheets in the workbook */
  sheets: 50,
  /** XLSX: one zip entry once inflated */
  entryBytes: 64 * 1024 * 1024,
  /** XLSX: all zip entries once inflated, together */
  inflatedBytes: 128 * 1024 * 1024,
  /** XLSX: the shared strings table once inflated (exceljs keeps it in memory while reading) */
  sharedStringsBytes: 32 * 1024 * 1024,
  /** XLSX: the styles part once inflated (kept in memory: it tells dates from numbers) */
  stylesBytes: 8 * 1024 * 1024,
  /** XLSX: cells written in one row of the sheet, empty styled cells included (Excel's width) */
  cellsPerRow: 16_384,
  /** XLSX: the longest stretch of XML between two `<` (one text node or one tag) */
  xmlRunBytes: 256 * 1024,
} as const;

export type FileLimit = keyof typeof fileLimits;

/** "10 MB" / "20,000": how a limit is named in a message. */
export function describeLimit(limit: FileLimit): string {
  const value = fileLimits[limit];
  if (!limit.endsWith("Bytes")) return value.toLocaleString("en-US");
  return value >= 1024 * 1024 ? `${Math.round(value / 1024 / 1024)} MB` : `${Math.round(value / 1024)} KB`;
}

/**
 * An import file over `fileBytes`, refused as it arrives (before it is read as a table): 413 on
 * `field`, the limit named, so the import page says what to do instead of the server's bare 413.
 */
export function importFileTooLarge(field: string): AppError {
  return new AppError("payload-too-large", {
    fields: [{ field, code: "file-too-large", params: { limit: describeLimit("fileBytes") } }],
  });
}
