/**
 * Spreadsheet files both ways. CSV is RFC 4180 (quoted fields may hold commas, quotes and line
 * breaks) written as UTF-8 with a BOM and CRLF line ends, so Excel opens Japanese text correctly;
 * XLSX goes through exceljs. Reading accepts either, decided from the bytes (XLSX is a ZIP).
 */
import ExcelJS from "exceljs";
import { AppError } from "../shared/errors.ts";

export type Table = string[][];

export function parseCsv(text: string): Table {
  const rows: Table = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const input = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && input[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((v) => v.trim() !== ""));
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function toCsv(table: Table): Uint8Array {
  return new TextEncoder().encode(`\uFEFF${table.map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`);
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

export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Table = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row) => {
    table.push(Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim()));
  });
  return table.filter((r) => r.some((v) => v !== ""));
}

export async function toXlsx(sheetName: string, table: Table): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  sheet.columns.forEach((column) => { column.width = 18; });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A table from an uploaded file: XLSX when the bytes are a ZIP, else CSV that must be UTF-8. */
export async function readTableFile(bytes: Uint8Array): Promise<Table> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    try {
      return await readXlsx(bytes);
    } catch {
      throw new AppError("validation-failed", { fields: [{ field: "file", code: "community-import-format" }] });
    }
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("validation-failed", { fields: [{ field: "file", code: "community-import-format" }] });
  }
  return parseCsv(text);
}
