/**
 * Renders one page of a PDF to a PNG on the server, stamped, for view-only material: the browser
 * gets pictures of the pages, never the file. pdf.js (Apache-2.0, the same engine as Firefox's
 * viewer) draws onto @napi-rs/canvas (Skia; its prebuilt binary ships inside the npm package), so
 * `npm start` needs nothing outside npm. Fonts embedded in the PDF are drawn from the file itself
 * (slides exported from PowerPoint or Keynote embed theirs); Noto Sans JP, bundled through npm,
 * draws the stamp.
 */
import { createRequire } from "node:module";
import { createCanvas, GlobalFonts, type SKRSContext2D } from "@napi-rs/canvas";
import { AppError } from "../shared/errors.ts";
import { openPdf } from "../shared/pdf-document.ts";
import { stampFooter, TLP_COLOURS, type PdfStamp } from "./stamp-pdf.ts";

const require = createRequire(import.meta.url);
const STAMP_FONT = "Chiiki Stamp Sans";
GlobalFonts.registerFromPath(
  require.resolve("@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf"),
  STAMP_FONT,
);
GlobalFonts.registerFromPath(
  require.resolve("@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf"),
  STAMP_FONT,
);

/** Pixels across a rendered page: sharp on a phone and a laptop, small enough to send many. */
export const PAGE_IMAGE_WIDTH = 1200;
/** A page too large to be a slide or document page is drawn no larger than this many pixels. */
const MAX_PIXELS = 1200 * 2400;

/**
 * Pages drawn at once in this process: each holds its PDF and a canvas of a few MB and keeps a
 * core busy, so a class scrolling through a long deck together waits its turn rather than
 * taking the server's memory.
 */
const MAX_RENDERS = 2;
let rendering = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  // A finishing render hands its slot straight to the next in line, so none slips in between.
  if (rendering >= MAX_RENDERS) await new Promise<void>((resolve) => waiting.push(resolve));
  else rendering++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else rendering--;
  }
}

/**
 * Page `number` (from 1) as a PNG, with the stamp drawn into the picture: the label at the top
 * right in its TLP colour on black, the footer (who, organisation, Japan time) at the bottom, and
 * the viewer's name faintly across the page so that a screenshot names its source too. `null`
 * draws the page as it is (the stamp test reads a PDF's own stamp through it).
 */
export function renderPdfPage(bytes: Uint8Array, number: number, stamp: PdfStamp | null): Promise<Buffer> {
  return inTurn(() => drawPage(bytes, number, stamp));
}

async function drawPage(bytes: Uint8Array, number: number, stamp: PdfStamp | null): Promise<Buffer> {
  const { doc, close } = await openPdf(bytes);
  try {
    if (!Number.isInteger(number) || number < 1 || number > doc.numPages) throw new AppError("not-found");
    const page = await doc.getPage(number);
    const unscaled = page.getViewport({ scale: 1 });
    let scale = PAGE_IMAGE_WIDTH / unscaled.width;
    if (unscaled.width * unscaled.height * scale * scale > MAX_PIXELS)
      scale = Math.sqrt(MAX_PIXELS / (unscaled.width * unscaled.height));
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    if (stamp) drawStamp(canvas.getContext("2d"), canvas.width, canvas.height, scale, stamp);
    return await canvas.encode("png");
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("file-unreadable", { cause: error });
  } finally {
    await close();
  }
}

/** The same stamp as stampPdf's, in pixels (`scale` pixels per point). */
function drawStamp(context: SKRSContext2D, width: number, height: number, scale: number, stamp: PdfStamp): void {
  const labelSize = 11 * scale;
  context.font = `bold ${labelSize}px "${STAMP_FONT}"`;
  context.textBaseline = "top";
  const labelWidth = context.measureText(stamp.label).width;
  context.fillStyle = "#000000";
  context.fillRect(width - labelWidth - 32 * scale, 8 * scale, labelWidth + 24 * scale, labelSize + 8 * scale);
  context.fillStyle = TLP_COLOURS[stamp.label] ?? "#FFFFFF";
  context.fillText(stamp.label, width - labelWidth - 20 * scale, 11 * scale);

  const footer = stampFooter(stamp);
  const band = 20 * scale;
  context.font = `${9 * scale}px "${STAMP_FONT}"`;
  const footerSize = Math.min(
    9 * scale,
    (9 * scale * (width - 24 * scale)) / Math.max(1, context.measureText(footer).width),
  );
  context.font = `${footerSize}px "${STAMP_FONT}"`;
  context.fillStyle = "rgba(255, 255, 255, 0.9)";
  context.fillRect(0, height - band, width, band);
  context.fillStyle = "#222222";
  context.textBaseline = "middle";
  context.fillText(footer, 12 * scale, height - band / 2);

  // The viewer's name across the page, faint enough to read the slide through.
  const who = stamp.organisation ? `${stamp.downloader}（${stamp.organisation}）` : stamp.downloader;
  context.save();
  context.translate(width / 2, height / 2);
  context.rotate(-Math.atan2(height, width));
  context.font = `${Math.min(width, height) / 14}px "${STAMP_FONT}"`;
  context.textAlign = "center";
  context.fillStyle = "rgba(120, 120, 120, 0.16)";
  context.fillText(who, 0, 0);
  context.restore();
}
