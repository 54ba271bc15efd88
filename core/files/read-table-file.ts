import { readCsv, type Table } from "./csv.ts";
import { isZip, readXlsx } from "./xlsx.ts";

/**
 * The rows of an uploaded table file: XLSX when the bytes are a zip, else CSV or TSV in UTF-8
 * (with or without a BOM), UTF-16 or CP932. Every import reads its file through here, so each has
 * the same encodings and the same limits (docs/csv.md); a refusal names `field`.
 */
export async function readTableFile(bytes: Uint8Array, field: string): Promise<Table> {
  return isZip(bytes) ? readXlsx(bytes, field) : readCsv(bytes, field).rows;
}
