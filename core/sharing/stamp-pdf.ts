/**
 * Stamps a PDF with who downloaded it and its TLP label, on every page: a copy that leaks names
 * its source.
 *
 * The stamp is drawn by pdfkit into a PDF of its own (one page per distinct page size) and laid
 * over each page with pdf-lib's embedPdf/drawPage. pdfkit's fontkit subset of Noto Sans JP carries
 * the glyphs it draws (with their widths and a ToUnicode map), so the stamp reads the same in
 * pdf.js, poppler and LibreOffice; pdf-lib's own subsetting of this font did not (its glyphs were
 * missing, though the text could be extracted), and embedding the whole 5 MB font in every
 * download is not worth it. tests: core/sharing/stamp-pdf.test.ts renders a page and reads it (OCR).
 */
import { createRequire } from "node:module";
import PDFKitDocument from "pdfkit";
import { degrees, PDFDocument, type PDFPage } from "pdf-lib";
import { pdfBytes } from "../shared/pdf-bytes.ts";

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf");
const FONT_BOLD = require.resolve("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf");

/** TLP 2.0 colours (FIRST, "TLP 2.0 User Guide": RGB values on a black background). */
export const TLP_COLOURS: Record<string, string> = {
  "TLP:CLEAR": "#FFFFFF",
  "TLP:GREEN": "#33FF00",
  "TLP:AMBER": "#FFC000",
  "TLP:AMBER+STRICT": "#FFC000",
  "TLP:RED": "#FF2B2B",
};

export interface PdfStamp {
  /** e.g. `TLP:AMBER`, or a consent label such as `会員限り` for talk materials */
  label: string;
  downloader: string;
  organisation: string | null;
  /** already formatted for display (Japan time) */
  at: string;
}

/** The footer line of a stamp: who, from where, when; also kept as the PDF's subject. */
export function stampFooter(stamp: PdfStamp): string {
  const who = stamp.organisation ? `${stamp.downloader}（${stamp.organisation}）` : stamp.downloader;
  return `${stamp.label}  ダウンロード: ${who}  ${stamp.at}`;
}

const LABEL_SIZE = 11;
const FOOTER_SIZE = 9;
const FOOTER_BAND = 20;

/** One overlay page per size: the TLP label at the top right, the footer band at the bottom. */
async function renderOverlay(sizes: readonly { width: number; height: number }[], stamp: PdfStamp): Promise<Buffer> {
  const doc = new PDFKitDocument({ autoFirstPage: false, compress: true, info: { Producer: "Chiiki" } });
  doc.registerFont("regular", FONT_REGULAR);
  doc.registerFont("bold", FONT_BOLD);
  const done = pdfBytes(doc);
  const footer = stampFooter(stamp);
  for (const { width, height } of sizes) {
    doc.addPage({ size: [width, height], margin: 0 });
    doc.font("bold").fontSize(LABEL_SIZE);
    const labelWidth = doc.widthOfString(stamp.label);
    const labelHeight = LABEL_SIZE + 8;
    // Room on both sides: a reader that substitutes the font (LibreOffice) draws it a little wider.
    doc.rect(width - labelWidth - 32, 8, labelWidth + 24, labelHeight).fill("#000000");
    doc
      .fillColor(TLP_COLOURS[stamp.label] ?? "#FFFFFF")
      .text(stamp.label, width - labelWidth - 20, 10, { lineBreak: false });

    doc.font("regular").fontSize(FOOTER_SIZE);
    // A long name shrinks the line rather than running off the page.
    const footerSize = Math.min(FOOTER_SIZE, (FOOTER_SIZE * (width - 24)) / Math.max(1, doc.widthOfString(footer)));
    doc
      .save()
      .fillOpacity(0.9)
      .rect(0, height - FOOTER_BAND, width, FOOTER_BAND)
      .fill("#FFFFFF")
      .restore();
    doc
      .fontSize(footerSize)
      .fillColor("#222222")
      .text(footer, 12, height - FOOTER_BAND + (FOOTER_BAND - footerSize) / 2 - 2, { lineBreak: false });
  }
  doc.end();
  return done;
}

/** Where a page is seen: its crop box, turned as the viewer shows it (a scan may carry /Rotate 90). */
function visibleArea(page: PDFPage) {
  const box = page.getCropBox();
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const turned = rotation === 90 || rotation === 270;
  return { box, rotation, width: turned ? box.height : box.width, height: turned ? box.width : box.height };
}

/**
 * Lays the upright overlay over the page: turned by the page's own /Rotate (a viewer turns the
 * page clockwise to show it; pdf-lib turns the overlay counter-clockwise in page space, so the two
 * cancel), from the corner of the crop box that ends up bottom left on screen.
 */
function overlayPlacement(area: ReturnType<typeof visibleArea>) {
  const { box, rotation } = area;
  const origin: Record<number, [number, number]> = {
    0: [box.x, box.y],
    90: [box.x + box.width, box.y],
    180: [box.x + box.width, box.y + box.height],
    270: [box.x, box.y + box.height],
  };
  const [x, y] = origin[rotation] ?? origin[0]!;
  return { x, y, width: area.width, height: area.height, rotate: degrees(rotation) };
}

export async function stampPdf(original: Uint8Array, stamp: PdfStamp): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(original, { ignoreEncryption: false, updateMetadata: false });
  const pages = pdf.getPages();
  const areas = pages.map(visibleArea);
  const sizeKeys = [...new Set(areas.map((a) => `${a.width}x${a.height}`))];
  const sizes = sizeKeys.map((key) => {
    const [width, height] = key.split("x").map(Number) as [number, number];
    return { width, height };
  });
  const overlays = await pdf.embedPdf(
    await renderOverlay(sizes, stamp),
    sizes.map((_, index) => index),
  );
  pages.forEach((page, index) => {
    const area = areas[index]!;
    page.drawPage(overlays[sizeKeys.indexOf(`${area.width}x${area.height}`)]!, overlayPlacement(area));
  });
  pdf.setSubject(stampFooter(stamp));
  return pdf.save();
}
