import type { files as ja } from "../ja/files.ts";

export const files: Record<keyof typeof ja, string> = {
  "field.file-too-large": "The file is too large (limit {limit}). Import it in parts.",
  "field.file-too-many-rows": "The file has too many rows (limit {limit}). Import it in parts.",
  "field.file-too-many-columns": "Row {line} has too many columns (limit {limit}).",
  "field.file-cell-too-long": "Row {line} has a cell that is too long (limit {limit} characters).",
  "field.file-xlsx-too-many-entries": "The Excel file has too many parts (limit {limit}).",
  "field.file-xlsx-too-many-sheets": "The workbook has too many sheets (limit {limit}).",
  "field.file-xlsx-inflated-too-large":
    "The Excel file is larger than {limit} once unpacked. Remove unused sheets or formatting.",
  "field.file-xlsx-row-too-wide":
    "A row holds too many cells (limit {limit}). Remove cells that carry only formatting.",
  "field.file-xlsx-malformed": "This cannot be read as an Excel (.xlsx) file.",
  "field.file-encoding-unknown":
    "The text encoding is not recognised. Save the file as UTF-8, UTF-16 or Shift_JIS (CP932).",
  "field.file-csv-malformed":
    'This cannot be read as CSV (a quote " is not closed: check the quotes opened up to line {line}).',
  "field.file-cp932-unmappable":
    "Shift_JIS (CP932) cannot hold these characters: {characters} ({count} cells: {cells}). Download as UTF-8 instead.",
  "files.export.responsesCsvCp932": "Responses (CSV, Shift_JIS for older Excel)",
  "files.export.csvCp932": "CSV (Shift_JIS, for older Excel)",
};
