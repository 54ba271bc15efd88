import { execFile } from "node:child_process";
import { readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import unzipper from "unzipper";
import { describe, expect, it } from "vitest";
import { writeFixture } from "../../tests/fixtures/files/memory-fixtures.ts";
import { sheetXml, strayFormattedCellWorkbook, workbookOf } from "../../tests/fixtures/files/xlsx-fixtures.ts";
import { readTableFile } from "./read-table-file.ts";
import { readXlsx, writeXlsx } from "./xlsx.ts";

const attacks = ['=HYPERLINK("http://evil.example")', "+1", "-1", "@SUM(1)", "\t=1"];

async function sheetXmlOf(bytes: Uint8Array): Promise<string> {
  const directory = await unzipper.Open.buffer(Buffer.from(bytes));
  return (await directory.files.find((f) => f.path === "xl/worksheets/sheet1.xml")!.buffer()).toString("utf8");
}

const refusedWith = (code: string, params?: Record<string, unknown>) =>
  expect.objectContaining({
    code: "validation-failed",
    fields: [
      expect.objectContaining({ field: "file", code, ...(params ? { params: expect.objectContaining(params) } : {}) }),
    ],
  });

describe("XLSX writer", () => {
  it("writes formula-looking text as string cells, never as formulas, and reads it back unchanged", async () => {
    const bytes = await writeXlsx([
      {
        name: "回答/[1]",
        rows: [["名称", "メモ"], ["長崎", attacks[0]!], ...attacks.slice(1).map((a) => ["x", a]), ["n", -1]],
        columnWidth: 18,
      },
    ]);
    const xml = await sheetXmlOf(bytes);
    expect(xml).not.toContain("<f>");
    for (const ref of ["B2", "B3", "B4", "B5", "B6"])
      expect(xml).toMatch(new RegExp(`<c r="${ref}"[^>]* t="(s|str|inlineStr)"`));
    expect(await readXlsx(bytes, "file")).toEqual([
      ["名称", "メモ"],
      ["長崎", attacks[0]],
      ...attacks.slice(1).map((a) => ["x", a.trim()]),
      ["n", "-1"],
    ]);
  });
});

describe("XLSX reader: bounded", () => {
  it("reads a sheet with one formatted cell in column XFD as 12 columns, not 16,384 (the 1.36 GB import)", async () => {
    const rows = await readTableFile(await strayFormattedCellWorkbook(50), "file");
    expect(rows).toHaveLength(51);
    expect(Math.max(...rows.map((r) => r.length))).toBe(12);
    expect(rows[1]).toEqual([
      "テスト団体1",
      "てすとだんたい1",
      "企業",
      "長崎県",
      "情報通信業",
      "6〜20人",
      "会員",
      "正会員",
      "2020-04-01",
      "https://example.jp/1",
      "長崎市テスト町1",
      "備考",
    ]);
  });

  it("refuses a deflate bomb, too many sheets, a row of too many cells, rows or columns over the limit, and a file that is no workbook", async () => {
    const strings = (n: number) =>
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${"<si><t>aaaaaaaaaaaaaaaaaaaaaaaa</t></si>".repeat(n)}</sst>`;
    await expect(readXlsx(workbookOf(sheetXml(""), { sharedStrings: strings(1_100_000) }), "file")).rejects.toEqual(
      refusedWith("file-xlsx-inflated-too-large", { limit: "32 MB" }),
    );
    await expect(readXlsx(workbookOf(sheetXml(""), { sheets: 51 }), "file")).rejects.toEqual(
      refusedWith("file-xlsx-too-many-sheets", { limit: "50" }),
    );
    const wide = `<row r="1">${'<c r="A1" s="1"/>'.repeat(16_385)}</row>`;
    await expect(readXlsx(workbookOf(sheetXml(wide)), "file")).rejects.toEqual(
      refusedWith("file-xlsx-row-too-wide", { limit: "16,384" }),
    );
    const manyRows = Array.from(
      { length: 20_001 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>x</t></is></c></row>`,
    ).join("");
    // Without shared strings exceljs parks each sheet in a temporary file: a refusal must not leave it behind.
    const ours = async () => (await readdir(tmpdir())).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
    const parked = await ours();
    await expect(readXlsx(workbookOf(sheetXml(manyRows)), "file")).rejects.toEqual(
      refusedWith("file-too-many-rows", { limit: "20,000" }),
    );
    await expect.poll(ours, { timeout: 3000 }).toBe(parked);
    await expect(
      readXlsx(workbookOf(sheetXml('<row r="1"><c r="GT1" t="inlineStr"><is><t>x</t></is></c></row>')), "file"),
    ).rejects.toEqual(refusedWith("file-too-many-columns", { limit: "200" }));
    await expect(
      readXlsx(
        workbookOf(sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${"x".repeat(300_000)}</t></is></c></row>`)),
        "file",
      ),
    ).rejects.toEqual(refusedWith("file-xlsx-malformed"));
    await expect(readTableFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), "file")).rejects.toEqual(
      refusedWith("file-xlsx-malformed"),
    );
  });

  // 240 MB: the 4 MB workbook (20,000 rows × 12) measured 180–207 MB in CI on 2 cores (GC timing
  // moves it); the bound is there to catch a bomb or an unbounded reader, which go far beyond it.
  it("stays within 240 MB above idle (RSS, in a child process) for the stray-cell file, a 256 MB deflate bomb, a 4 MB workbook and styles at their limit", async () => {
    const measure = path.join(import.meta.dirname, "../../tests/fixtures/files/measure-import.ts");
    for (const [name, arg, expected] of [
      ["stray-cell", undefined, { rows: 201, width: 12 }],
      ["bomb", "256", { refused: "file-xlsx-inflated-too-large" }],
      ["legitimate", "4", { rows: 20_000 }],
      ["styles", undefined, { rows: 1 }],
    ] as const) {
      const file = await writeFixture(name, arg);
      try {
        const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", measure, file]);
        const result = JSON.parse(stdout) as { rssAboveIdleMB: number };
        expect(result).toMatchObject(expected);
        expect(result.rssAboveIdleMB, `${name}: ${stdout}`).toBeLessThanOrEqual(240);
      } finally {
        await rm(file, { force: true });
      }
    }
  }, 120_000);
});
