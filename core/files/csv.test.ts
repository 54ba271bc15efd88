import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { guardFormula, readCsv, toCsvText, unguardFormula, writeCsv } from "./csv.ts";
import { decodeText } from "./text-encoding.ts";

const header = ["名称", "規模", "メモ"];
const row = ["株式会社テスト長崎", "6〜20人", 'カンマ, と "引用符"\n改行'];
const csvText = `${header.join(",")}\r\n${row.slice(0, 2).join(",")},"カンマ, と ""引用符""\n改行"\r\n`;

describe("CSV writer", () => {
  it("writes UTF-8 with a BOM, CRLF and RFC 4180 quoting", () => {
    const bytes = writeCsv([header, row]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.slice(3))).toBe(csvText);
  });

  it("neutralises every cell a spreadsheet would run as a formula, and numbers stay numbers", () => {
    const attacks = ['=HYPERLINK("http://evil.example")', "+1", "-1", "@SUM(1)", "\t=1", "\r=1", "＝1+1", "'=already"];
    const text = toCsvText([[...attacks, -1, 0.5, null, "plain", "a=b"]]);
    const cells = readCsv(text, "file").rows[0]!;
    expect(cells).toEqual([...attacks, "-1", "0.5", "", "plain", "a=b"]);
    const written = text.split(",");
    expect(written[0]).toBe(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(written.slice(1, 4)).toEqual(["'+1", "'-1", "'@SUM(1)"]);
    expect(written.slice(4, 6)).toEqual([`"'\t=1"`, `"'\r=1"`]);
    expect(written[7]).toBe("''=already");
    expect(written.slice(8, 10)).toEqual(["-1", "0.5"]);
    for (const cell of written.slice(0, 8)) expect(cell.replace(/^"/, "")).not.toMatch(/^[=+\-@\t\r＝]/);
  });

  it("round-trips any text through writer and reader (quotes, commas, line breaks, BOM-like and formula-like starts)", () => {
    const unit = fc.constantFrom(..."aあ,\"\n\r x\t'=+-@\uFEFF＝", "\u{1F600}");
    const cell = fc.string({ unit, maxLength: 12 });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 6 }), (rows) => {
        // A first column that is never blank keeps every row (the reader drops rows of blank cells).
        const table = rows.map((r) => [`k${r[0]}`, r[1]!, r[2]!]);
        expect(readCsv(writeCsv(table), "file").rows).toEqual(table);
        expect(unguardFormula(guardFormula(rows[0]![1]!))).toBe(rows[0]![1]);
      }),
      { numRuns: 300 },
    );
  });

  it("writes CP932 for older Excel, JIS-form characters as their Windows twins", () => {
    const bytes = writeCsv(
      [
        ["名称", "規模"],
        ["長崎", "6〜20人 − ‖"],
      ],
      { encoding: "cp932" },
    );
    expect(bytes[0]).toBe(0x96); // 名 in CP932, no BOM
    expect(iconv.decode(Buffer.from(bytes), "cp932")).toBe("名称,規模\r\n長崎,6～20人 － ∥\r\n");
  });

  it("refuses CP932 when a character has no CP932 form, naming each character and cell", () => {
    let error: unknown;
    try {
      writeCsv(
        [
          ["名称", "メモ"],
          ["長崎", "ok"],
          ["🍣 寿司", "𠮷野家"],
        ],
        { encoding: "cp932" },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: "validation-failed",
      fields: [
        {
          field: "encoding",
          code: "file-cp932-unmappable",
          params: { characters: "🍣 𠮷", cells: "A3, B3", count: 2 },
        },
      ],
    });
  });
});

describe("CSV reader: encodings", () => {
  const utf8 = new TextEncoder().encode(csvText);
  const expected = [header, row];

  it("UTF-8 without a BOM", () => {
    expect(readCsv(utf8, "file")).toMatchObject({ rows: expected, encoding: "utf-8", delimiter: "," });
  });

  it("UTF-8 with a BOM", () => {
    expect(readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), "file")).toMatchObject({
      rows: expected,
      encoding: "utf-8-bom",
    });
  });

  it("UTF-16 LE and BE with a BOM, tab-separated (Teams, Webex)", () => {
    const tsv = "名前\tメールアドレス\t参加時間\r\n長崎 花子\thanako@example.jp\t19m 26s\r\n";
    const rows = [
      ["名前", "メールアドレス", "参加時間"],
      ["長崎 花子", "hanako@example.jp", "19m 26s"],
    ];
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(tsv, "utf-16le")]);
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(tsv, "utf-16be")]);
    expect(readCsv(le, "file")).toEqual({ rows, encoding: "utf-16le", delimiter: "\t" });
    expect(readCsv(be, "file")).toEqual({ rows, encoding: "utf-16be", delimiter: "\t" });
  });

  it("UTF-16 LE without a BOM", () => {
    const text = "Name,Email\r\nHanako,hanako@example.jp\r\n";
    expect(readCsv(new Uint8Array(iconv.encode(text, "utf-16le")), "file")).toMatchObject({
      encoding: "utf-16le",
      rows: [
        ["Name", "Email"],
        ["Hanako", "hanako@example.jp"],
      ],
    });
  });

  it("CP932 as Japanese Excel saves it, decoded as Windows does (〜 － ∥ ￢, NEC and IBM extensions)", () => {
    // 名称,メモ CRLF then the bytes Windows writes for ～ － ∥ ￢ ① ㍉ ⅰ 纊 (IBM ext.) 纊 (NEC-selected) ―
    const bytes = new Uint8Array([
      ...iconv.encode("名称,メモ\r\n株式会社テスト,", "cp932"),
      0x81,
      0x60,
      0x81,
      0x7c,
      0x81,
      0x61,
      0x81,
      0xca,
      0x87,
      0x40,
      0x87,
      0x5f,
      0xfa,
      0x40,
      0xfa,
      0x5c,
      0xed,
      0x40,
      0x81,
      0x5c,
      0x0d,
      0x0a,
    ]);
    const result = readCsv(bytes, "file");
    expect(result.encoding).toBe("cp932");
    expect(result.rows).toEqual([
      ["名称", "メモ"],
      ["株式会社テスト", "\uFF5E\uFF0D\u2225\uFFE2\u2460\u3349\u2170\u7E8A\u7E8A\u2015"],
    ]);
  });

  it("refuses bytes that are no encoding it knows, and an unclosed quote, naming the field and line", () => {
    expect(() => decodeText(new Uint8Array([0x41, 0x82, 0xff, 0xfd, 0x80]), "file")).toThrow(
      expect.objectContaining({ fields: [{ field: "file", code: "file-encoding-unknown" }] }),
    );
    expect(() => readCsv('a,b\r\nc,"d\r\n', "csv")).toThrow(
      expect.objectContaining({ fields: [{ field: "csv", code: "file-csv-malformed", params: { line: 3 } }] }),
    );
  });
});

describe("CSV reader: limits", () => {
  it("refuses a file over the size, row, column or cell limit with the limit named", () => {
    const tooMany = new TextEncoder().encode("a\r\n".repeat(20_001));
    expect(() => readCsv(tooMany, "file")).toThrow(
      expect.objectContaining({ fields: [{ field: "file", code: "file-too-many-rows", params: { limit: "20,000" } }] }),
    );
    expect(() => readCsv(`${"a,".repeat(250)}a\r\n`, "file")).toThrow(
      expect.objectContaining({ fields: [expect.objectContaining({ code: "file-too-many-columns" })] }),
    );
    expect(() => readCsv(`a,${"x".repeat(10_001)}\r\n`, "file")).toThrow(
      expect.objectContaining({
        fields: [expect.objectContaining({ code: "file-cell-too-long", params: { limit: "10,000", line: 1 } })],
      }),
    );
    expect(() => readCsv(new Uint8Array(10 * 1024 * 1024 + 1), "file")).toThrow(
      expect.objectContaining({ fields: [{ field: "file", code: "file-too-large", params: { limit: "10 MB" } }] }),
    );
  });
});
