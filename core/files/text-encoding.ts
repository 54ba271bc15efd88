/**
 * Which encoding a text file is in, and text out to an encoding Excel reads. Japanese Excel saves
 * "CSV (コンマ区切り)" in CP932 (Windows-31J), Teams and Webex export UTF-16 with a BOM, everything
 * else writes UTF-8 with or without a BOM. CP932 is decoded with iconv-lite's `cp932` table, which
 * maps as Windows does (0x8160 → ～ U+FF5E, 0x817C → － U+FF0D, 0x8161 → ∥ U+2225, 0x81CA → ￢
 * U+FFE2, NEC and IBM extensions such as ① and 纊): the JIS table would give other code points
 * for the same bytes, and the same name would then no longer match itself.
 */
import iconv from "iconv-lite";
import { AppError } from "../shared/errors.ts";

export const textEncodings = ["utf-8", "utf-8-bom", "utf-16le", "utf-16be", "cp932"] as const;
export type TextEncoding = (typeof textEncodings)[number];

/** What an export may be written in: UTF-8 with a BOM (the default) or CP932 for older Excel. */
export const exportEncodings = ["utf-8", "cp932"] as const;
export type ExportEncoding = (typeof exportEncodings)[number];

const startsWith = (bytes: Uint8Array, ...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);

/** UTF-16 without a BOM: most of the first characters are ASCII, so every other byte is 0. */
function utf16WithoutBom(bytes: Uint8Array): "utf-16le" | "utf-16be" | null {
  const sample = Math.min(bytes.length - (bytes.length % 2), 512);
  if (sample < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = sample / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/**
 * The text of a file and the encoding it was found in. Bytes that are valid in none of the
 * encodings above are refused (422 on `field`) rather than read as mojibake.
 */
export function decodeText(bytes: Uint8Array, field: string): { text: string; encoding: TextEncoding } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(bytes, 0xef, 0xbb, 0xbf))
    return { text: decodeUtf8(buffer.subarray(3), field), encoding: "utf-8-bom" };
  if (startsWith(bytes, 0xff, 0xfe))
    return { text: iconv.decode(buffer.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (startsWith(bytes, 0xfe, 0xff))
    return { text: iconv.decode(buffer.subarray(2), "utf-16be"), encoding: "utf-16be" };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: iconv.decode(buffer, utf16), encoding: utf16 };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buffer), encoding: "utf-8" };
  } catch {
    const text = iconv.decode(buffer, "cp932");
    // iconv-lite puts U+FFFD where a byte sequence is not CP932: then it is no encoding we know.
    if (text.includes("\uFFFD"))
      throw new AppError("validation-failed", { fields: [{ field, code: "file-encoding-unknown" }] });
    return { text, encoding: "cp932" };
  }
}

function decodeUtf8(buffer: Buffer, field: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    throw new AppError("validation-failed", { fields: [{ field, code: "file-encoding-unknown" }] });
  }
}

/**
 * Characters whose JIS form has no CP932 byte sequence but whose Windows twin does: the same
 * character to a reader (〜 written by a Mac or by our own labels, "6〜20人", is ～ to Windows).
 */
const cp932Twins: Record<string, string> = {
  "\u301C": "\uFF5E", // 〜 WAVE DASH → ～ FULLWIDTH TILDE
  "\u2016": "\u2225", // ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO
  "\u2212": "\uFF0D", // − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS
  "\u00A2": "\uFFE0", // ¢ → ￠
  "\u00A3": "\uFFE1", // £ → ￡
  "\u00AC": "\uFFE2", // ¬ → ￢
  "\u2014": "\u2015", // — EM DASH → ― HORIZONTAL BAR
};

const cp932Cache = new Map<string, boolean>();

/** Whether CP932 holds the character (after its Windows twin is taken): a round trip keeps it. */
export function cp932Holds(character: string): boolean {
  let holds = cp932Cache.get(character);
  if (holds === undefined) {
    holds = iconv.decode(iconv.encode(character, "cp932"), "cp932") === character;
    cp932Cache.set(character, holds);
  }
  return holds;
}

/** Text in CP932, each JIS-form character taken as its Windows twin. Callers check `cp932Holds` first. */
export function encodeCp932(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(iconv.encode(toCp932Twins(text), "cp932"));
}

export function toCp932Twins(text: string): string {
  return text.replace(/[\u301C\u2016\u2212\u00A2\u00A3\u00AC\u2014]/g, (c) => cp932Twins[c]!);
}
