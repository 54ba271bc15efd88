/**
 * A plain PDF of Japanese text (the demo's flyers and slides, the tests' materials), written with
 * pdfkit: its fontkit subset of Noto Sans JP carries every glyph drawn, so pdf.js, poppler and
 * LibreOffice all show the text (pdf-lib's subsetting of this font drops the glyphs).
 */
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { pdfBytes } from "../shared/pdf-bytes.ts";

const require = createRequire(import.meta.url);
const FONT = require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");

/** One page per entry of `pages`; a page's first line is its heading. Size in points (A4 portrait by default). */
export function renderTextPdf(
  pages: readonly (readonly string[])[],
  size: [number, number] = [595, 842],
): Promise<Buffer> {
  const doc = new PDFDocument({ size, autoFirstPage: false, info: { Producer: "Chiiki" } });
  doc.registerFont("jp", FONT);
  const done = pdfBytes(doc);
  for (const lines of pages) {
    doc.addPage({ size, margin: 56 });
    lines.forEach((line, index) => {
      doc
        .font("jp")
        .fontSize(index === 0 ? 28 : 14)
        .fillColor("#1a1a1a")
        .text(line, 56, index === 0 ? 96 : 150 + index * 26, { width: size[0] - 112 });
    });
  }
  doc.end();
  return done;
}
