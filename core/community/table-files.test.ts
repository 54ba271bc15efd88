import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCsv, readTableFile, readXlsx, toCsv, toXlsx } from "./table-files.ts";

describe("table files", () => {
  it("writes CSV with a BOM, CRLF and RFC 4180 quoting", () => {
    const bytes = toCsv([["名称", "メモ"], ["株式会社ラック", 'a,"b"\n改行']]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe('\uFEFF名称,メモ\r\n株式会社ラック,"a,""b""\n改行"\r\n');
  });

  it("reads back whatever it writes (CSV)", () => {
    const cell = fc.string({ unit: fc.constantFrom(..."aあ,\"\n\r x") });
    fc.assert(fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
      const table = rows.map((r) => [`k${r[0]}`, r[1]!]);
      expect(parseCsv(new TextDecoder().decode(toCsv(table)))).toEqual(table);
    }));
  });

  it("reads back an XLSX it wrote, and refuses text that is not UTF-8", async () => {
    const table = [["名称", "入会日"], ["長崎県立大学", "2016-01-07"]];
    const bytes = await toXlsx("団体", table);
    expect(await readXlsx(bytes)).toEqual(table);
    expect(await readTableFile(bytes)).toEqual(table);
    await expect(readTableFile(new Uint8Array([0x82, 0xa0, 0x82, 0xa2]))).rejects.toMatchObject({ fields: [{ field: "file", code: "community-import-format" }] });
  });
});
