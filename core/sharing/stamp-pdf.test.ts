/**
 * The stamp as a person sees it: a stamped page rendered by poppler (pdftoppm, as evince and most
 * Linux viewers) and by pdf.js (the browser's viewer; also our view-only page images), read back
 * with OCR, and the TLP label's colour counted in the rendered pixels. Extracting the text is not
 * enough: a font missing its glyphs extracts fine and shows nothing.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { degrees, PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { renderPdfPage } from "./render-pdf-page.ts";
import { stampPdf, type PdfStamp } from "./stamp-pdf.ts";
import { japanesePdf } from "../../tests/fixtures/pdf.ts";

const hasTool = (command: string) => {
  try {
    execFileSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
};
// CI installs both (.ci/run); a developer's machine without them skips, CI never does.
const toolsPresent = hasTool("pdftoppm") && hasTool("tesseract");
const mustRun = Boolean(process.env.CI);

const dir = mkdtempSync(path.join(tmpdir(), "chiiki-stamp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function popplerPng(pdf: Uint8Array, name: string): string {
  writeFileSync(path.join(dir, `${name}.pdf`), pdf);
  execFileSync("pdftoppm", [
    "-r",
    "150",
    "-png",
    "-f",
    "1",
    "-l",
    "1",
    "-singlefile",
    path.join(dir, `${name}.pdf`),
    path.join(dir, name),
  ]);
  return path.join(dir, `${name}.png`);
}

/** What OCR reads, without the spaces it puts between Japanese characters. */
function ocr(png: string): string {
  return execFileSync("tesseract", [png, "-", "-l", "jpn+eng"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).replace(/\s+/g, "");
}

/**
 * The label's box: black pixels in the top right corner, and inside their bounding box the pixels
 * close to `hex` (each channel within 40) — the label's letters.
 */
function labelPixels(pngPath: string, hex: string): { colour: number; black: number } {
  const png = PNG.sync.read(readFileSync(pngPath));
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const at = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!] as const;
  };
  let black = 0;
  const box = { left: png.width, right: 0, top: png.height, bottom: 0 };
  for (let y = 0; y < Math.min(120, png.height); y++) {
    for (let x = Math.floor(png.width * 0.6); x < png.width; x++) {
      const [r, g, b] = at(x, y);
      if (r > 20 || g > 20 || b > 20) continue;
      black++;
      Object.assign(box, {
        left: Math.min(box.left, x),
        right: Math.max(box.right, x),
        top: Math.min(box.top, y),
        bottom: Math.max(box.bottom, y),
      });
    }
  }
  let colour = 0;
  for (let y = box.top; y <= box.bottom; y++) {
    for (let x = box.left; x <= box.right; x++) {
      const [r, g, b] = at(x, y);
      if (Math.abs(r - want[0]!) < 40 && Math.abs(g - want[1]!) < 40 && Math.abs(b - want[2]!) < 40) colour++;
    }
  }
  return { colour, black };
}

const japanese: PdfStamp = {
  label: "TLP:AMBER",
  downloader: "山田 花子",
  organisation: "長崎県情報産業協会",
  at: "令和3年1月28日 12:00",
};
const latin: PdfStamp = {
  label: "TLP:GREEN",
  downloader: "John Smith",
  organisation: "Trend Micro",
  at: "令和3年1月28日 12:00",
};

describe.skipIf(!toolsPresent && !mustRun)("the download stamp, rendered and read", () => {
  it.each([
    ["a Japanese name", japanese],
    ["a Latin name", latin],
  ])("shows %s, the organisation, the time and the label on the page poppler draws", async (_, stamp) => {
    const stamped = await stampPdf(await japanesePdf(["ランサムウェア被害の傾向と対策"]), stamp);
    const seen = ocr(popplerPng(stamped, `poppler-${stamp.downloader.replace(/\s/g, "")}`));
    for (const text of [stamp.downloader, stamp.organisation!, "ダウンロード", "令和3年1月28日12:00", stamp.label]) {
      expect(seen).toContain(text.replace(/\s+/g, ""));
    }
  });

  it.each([90, 180, 270])("stands upright on a page turned by /Rotate %i (a scanned flyer)", async (angle) => {
    const turned = await PDFDocument.load(await japanesePdf(["資料"], [595, 842]));
    turned.getPage(0).setRotation(degrees(angle));
    const seen = ocr(popplerPng(await stampPdf(await turned.save(), latin), `rotate-${angle}`));
    expect(seen).toContain("JohnSmith(TrendMicro)");
    expect(seen).toContain("TLP:GREEN");
  });

  it("reads the same in pdf.js", async () => {
    // Portrait A4: pdf.js draws it 1200 pixels wide, about 150 dpi like the poppler renders.
    const stamped = await stampPdf(await japanesePdf(["ランサムウェア被害の傾向と対策"], [595, 842]), japanese);
    const png = path.join(dir, "pdfjs.png");
    // Without the page image's own stamp: this reads the stamp inside the PDF.
    writeFileSync(png, await renderPdfPage(stamped, 1, null));
    const seen = ocr(png);
    expect(seen).toContain("山田花子");
    expect(seen).toContain("長崎県情報産業協会");
    expect(seen).toContain("TLP:AMBER");
  });

  it("draws a view-only page image with the slide's Japanese text and the viewer's stamp", async () => {
    const slide = await japanesePdf(["長崎県内のサイバーセキュリティについて"], [595, 842]);
    const png = path.join(dir, "page-image.png");
    writeFileSync(png, await renderPdfPage(slide, 1, { ...japanese, label: "会員限り" }));
    const seen = ocr(png);
    expect(seen).toContain("サイバーセキュリティ");
    expect(seen).toContain("山田花子");
    expect(seen).toContain("会員限り");
  });

  it.each([
    ["TLP:RED", "#FF2B2B"],
    ["TLP:AMBER", "#FFC000"],
    ["TLP:GREEN", "#33FF00"],
    ["TLP:CLEAR", "#FFFFFF"],
  ])("draws %s in its FIRST colour on black, with its text readable", async (label, hex) => {
    const stamped = await stampPdf(await japanesePdf(["資料"]), { ...latin, label });
    const png = popplerPng(stamped, `label-${label.replace(/\W/g, "")}`);
    const pixels = labelPixels(png, hex);
    expect(pixels.black).toBeGreaterThan(1500);
    expect(pixels.colour).toBeGreaterThan(150);
    expect(ocr(png)).toContain(label);
  });
});
