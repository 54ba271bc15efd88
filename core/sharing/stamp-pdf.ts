/**
 * Stamps a PDF with who downloaded it and its TLP label, on every page: a copy that leaks names
 * its source. pdf-lib edits the document; Noto Sans JP (subset into the file) writes Japanese names.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument, rgb } from "pdf-lib";

const require = createRequire(import.meta.url);
let fontBytes: Promise<Buffer> | null = null;
/** Noto Sans JP Regular (TTF), read once per process. */
export function notoSansJp(): Promise<Buffer> {
  fontBytes ??= readFile(require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf"));
  return fontBytes;
}

/** TLP 2.0 colours (FIRST): the label is printed in colour on black. */
const TLP_COLOURS: Record<string, [number, number, number]> = {
  "TLP:CLEAR": [1, 1, 1],
  "TLP:GREEN": [0x33 / 255, 1, 0],
  "TLP:AMBER": [1, 0xc0 / 255, 0],
  "TLP:AMBER+STRICT": [1, 0xc0 / 255, 0],
  "TLP:RED": [1, 0x2b / 255, 0x2b / 255],
};

export interface PdfStamp {
  /** e.g. `TLP:AMBER`, or a consent label such as `会員限定` for talk materials */
  label: string;
  downloader: string;
  organisation: string | null;
  /** already formatted for display (Japan time) */
  at: string;
}

export async function stampPdf(original: Uint8Array, stamp: PdfStamp): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(original, { ignoreEncryption: false, updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const font = await pdf.embedFont(await notoSansJp(), { subset: true });
  const who = stamp.organisation ? `${stamp.downloader}（${stamp.organisation}）` : stamp.downloader;
  const footer = `${stamp.label}  ダウンロード: ${who}  ${stamp.at}`;
  const colour = TLP_COLOURS[stamp.label] ?? [1, 1, 1];
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const labelSize = 10;
    const labelWidth = font.widthOfTextAtSize(stamp.label, labelSize);
    page.drawRectangle({ x: width - labelWidth - 24, y: height - 26, width: labelWidth + 12, height: 18, color: rgb(0, 0, 0) });
    page.drawText(stamp.label, { x: width - labelWidth - 18, y: height - 21, size: labelSize, font, color: rgb(...colour) });
    const footerSize = Math.min(8, ((width - 24) / Math.max(1, font.widthOfTextAtSize(footer, 8))) * 8);
    page.drawRectangle({ x: 0, y: 0, width, height: 16, color: rgb(1, 1, 1), opacity: 0.85 });
    page.drawText(footer, { x: 12, y: 5, size: footerSize, font, color: rgb(0.15, 0.15, 0.15) });
  }
  pdf.setSubject(footer);
  return pdf.save();
}
