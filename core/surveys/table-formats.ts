import { type CsvWriteOptions, writeCsv } from "../files/csv.ts";
import { writeXlsx } from "../files/xlsx.ts";

/** A sheet: a header of codes, a second header of labels, then rows. */
export interface Table {
  name: string;
  codes: string[];
  labels: string[];
  rows: (string | number | null)[][];
}

/** CSV for Excel through the product's one writer (core/files/csv.ts): formula guard, BOM or CP932. */
export function toCsv(table: Table, options: CsvWriteOptions = {}): Uint8Array<ArrayBuffer> {
  return writeCsv([table.codes, table.labels, ...table.rows], options);
}

/** One sheet per table; the codes row bold and the labels row italic, both kept in view. */
export async function toXlsx(tables: Table[]): Promise<Uint8Array<ArrayBuffer>> {
  return writeXlsx(tables.map((t) => ({ name: t.name, rows: [t.codes, t.labels, ...t.rows], headerRows: 2 })));
}
