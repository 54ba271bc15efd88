/**
 * bench/xlsx-import: the memory an import takes to read its file (issue 13 item 17), each file
 * read in a child process of its own (tests/fixtures/files/measure-import.ts) so that idle is
 * idle: peak RSS and heap above what the process held just before reading.
 *  - a 10 MB workbook within every limit (20,000 rows × 12 columns of text that does not compress);
 *  - the stray-cell workbook (tests/fixtures/files/stray-formatted-cell.xlsx, 17 KB: 200 rows and
 *    one formatted empty cell in XFD1), read by readTableFile and, as the baseline, by the reader
 *    before the fix (exceljs's in-memory load, every row `columnCount` wide);
 *  - a deflate bomb (~3 MB that inflate to 1 GB of shared strings);
 *  - styles just under their limit (exceljs keeps them while reading: they tell dates from numbers).
 * Target: ≤ 200 MB above idle for each, with readTableFile. Run: `node bench/xlsx-import/xlsx-import.bench.ts`.
 */
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { writeFixture } from "../../tests/fixtures/files/memory-fixtures.ts";

const measure = path.join(import.meta.dirname, "../../tests/fixtures/files/measure-import.ts");
const TARGET_MB = 200;

interface Measured {
  fileBytes: number;
  rssAboveIdleMB: number;
  heapAboveIdleMB: number;
  ms: number;
  rows?: number;
  width?: number;
  refused?: string;
}

function run(file: string, mode?: "old"): Measured {
  const args = ["--expose-gc", measure, file, ...(mode ? [mode] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 })) as Measured;
}

const cases = [
  { label: "10 MB workbook, 20,000 rows", fixture: "legitimate", arg: "9.8" },
  { label: "stray formatted cell in XFD1", fixture: "stray-cell", arg: undefined, baseline: true },
  { label: "deflate bomb → 1 GB", fixture: "bomb", arg: "1024" },
  { label: "7.9 MB of cell formats (styles at their limit)", fixture: "styles", arg: undefined },
] as const;

let failed = false;
for (const c of cases) {
  const file = await writeFixture(c.fixture, c.arg);
  try {
    const now = run(file);
    const outcome = now.refused ? `refused: ${now.refused}` : `${now.rows} rows × ${now.width}`;
    console.log(
      `${c.label}: ${(now.fileBytes / 1048576).toFixed(2)} MB file → ${outcome}; RSS +${now.rssAboveIdleMB} MB, heap +${now.heapAboveIdleMB} MB, ${now.ms} ms`,
    );
    if (now.rssAboveIdleMB > TARGET_MB) failed = true;
    if ("baseline" in c) {
      const old = run(file, "old");
      console.log(
        `  before the fix: ${old.rows} rows × ${old.width}; RSS +${old.rssAboveIdleMB} MB, heap +${old.heapAboveIdleMB} MB, ${old.ms} ms` +
          ` (${(old.rssAboveIdleMB / Math.max(1, now.rssAboveIdleMB)).toFixed(0)}× the memory)`,
      );
    }
  } finally {
    rmSync(file, { force: true });
  }
}
console.log(
  failed
    ? `FAIL: an import took more than ${TARGET_MB} MB above idle`
    : `ok: every import within ${TARGET_MB} MB above idle`,
);
process.exit(failed ? 1 : 0);
