import ExcelJS from "exceljs";

/** A sheet: a header of codes, a second header of labels, then rows. */
export interface Table {
  name: string;
  codes: string[];
  labels: string[];
  rows: (string | number | null)[][];
}

function csvCell(value: string | number | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for Japanese Excel: UTF-8 with a byte-order mark, CRLF line ends. */
export function toCsv(table: Table): string {
  const lines = [table.codes, table.labels, ...table.rows].map((row) => row.map(csvCell).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Chiiki";
  for (const table of tables) {
    const sheet = workbook.addWorksheet(table.name.slice(0, 31));
    sheet.addRow(table.codes).font = { bold: true };
    sheet.addRow(table.labels).font = { italic: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.views = [{ state: "frozen", ySplit: 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** RFC 4180 parsing (quoted fields, doubled quotes, CRLF or LF), BOM tolerated. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(cell); cell = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && source[i + 1] === "\n") i++;
      row.push(cell); rows.push(row); row = []; cell = "";
    } else cell += c;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.some((v) => v.trim()));
}
