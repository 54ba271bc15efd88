/**
 * Real table files from public repositories (tests/fixtures/real/README.md names each one's
 * origin and licence), read through `readTableFile`, the reader every import uses: a CP932
 * comma-separated file and a UTF-16LE tab-separated one saved as `.csv`, both written for
 * checking what Japanese Excel opens.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCsv } from "./csv.ts";
import { readTableFile } from "./read-table-file.ts";

const real = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../tests/fixtures/real/excel/${name}`, import.meta.url)));

const rows = [
  ["キャラ", "声優"],
  ["保登心愛", "長崎花子"],
  ["香風智乃", "佐世保次郎"],
  ["桐間紗路", "諫早三郎"],
];

describe("real Japanese Excel-bound files", () => {
  it("reads a CP932 comma-separated file (no BOM, LF line ends) as CP932", async () => {
    const bytes = real("cp932-comma.csv");
    // Not UTF-8: the bytes are Shift_JIS lead and trail bytes.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(readCsv(bytes, "file")).toMatchObject({ encoding: "cp932", delimiter: "," });
    expect(await readTableFile(bytes, "file")).toEqual(rows);
  });

  it("reads a UTF-16LE tab-separated file named .csv (Excel's Unicode text) by its BOM and its tabs", async () => {
    const bytes = real("utf16le-tab.csv");
    expect(readCsv(bytes, "file")).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
    expect(await readTableFile(bytes, "file")).toEqual(rows);
  });
});
