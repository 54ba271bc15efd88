/**
 * The report as PDF with pdfkit: Noto Sans JP embedded (pdfkit subsets it to the glyphs used),
 * the same structure as the DOCX — cover, contents, chapters on new pages, tables, charts as
 * PNG — with PDF outlines (bookmarks) per heading and page numbers in the footer.
 */
import PDFDocument from "pdfkit";
import type { Translate } from "../../i18n/index.ts";
import { notoSansJp, renderChartPng } from "./render-chart.ts";
import { type AnnualReport, type Block, columnShares, headingText, type ReportSection } from "./report-model.ts";
import { pdfBytes } from "../shared/pdf-bytes.ts";
import { phraseLines } from "./phrase-lines.ts";

const MARGIN = 56;
const BODY_SIZE = 10.5;
const headingSizes = { 1: 16, 2: 13, 3: 11.5 } as const;

type Pdf = PDFKit.PDFDocument;

function contentWidth(doc: Pdf): number {
  return doc.page.width - MARGIN * 2;
}

function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function paragraph(doc: Pdf, text: string, options: { bold?: boolean; size?: number; color?: string } = {}): void {
  doc
    .font(options.bold ? "bold" : "regular")
    .fontSize(options.size ?? BODY_SIZE)
    .fillColor(options.color ?? "#222");
  for (const line of text.split("\n")) {
    doc.text(line, MARGIN, doc.y, { width: contentWidth(doc), lineGap: 3 });
    doc.moveDown(0.3);
  }
}

/** A plain grid (columnShares widths); a row never splits across pages. */
function table(doc: Pdf, header: string[], rows: string[][], keyColumn: boolean): void {
  const width = contentWidth(doc);
  const widths = columnShares(header, rows).map((share) => share * width);
  const padding = 4;
  const drawRow = (cells: string[], heading: boolean) => {
    doc.fontSize(9.5);
    const heights = cells.map((c, i) =>
      doc
        .font(heading || (keyColumn && i === 0) ? "bold" : "regular")
        .heightOfString(c, { width: widths[i]! - padding * 2 }),
    );
    const height = Math.max(...heights, 10) + padding * 2;
    ensureSpace(doc, height);
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const shaded = heading || (keyColumn && i === 0);
      if (shaded) doc.rect(x, top, widths[i]!, height).fill("#E8EEF6");
      doc.rect(x, top, widths[i]!, height).lineWidth(0.5).strokeColor("#888").stroke();
      doc
        .fillColor("#222")
        .font(shaded ? "bold" : "regular")
        .fontSize(9.5)
        .text(c, x + padding, top + padding, { width: widths[i]! - padding * 2 });
      x += widths[i]!;
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  if (header.length > 0) drawRow(header, true);
  for (const row of rows) drawRow(row, false);
  doc.moveDown(0.8);
}

function block(doc: Pdf, b: Block): void {
  switch (b.kind) {
    case "paragraph":
    case "narrative":
      paragraph(doc, b.text);
      return;
    case "missing":
      paragraph(doc, b.text, { color: "#8A4B00" });
      return;
    case "labelled":
      doc
        .font("bold")
        .fontSize(BODY_SIZE)
        .fillColor("#222")
        .text(`${b.label} `, MARGIN, doc.y, { continued: true, width: contentWidth(doc), lineGap: 3 });
      doc.font("regular").text(b.text, { lineGap: 3 });
      doc.moveDown(0.3);
      return;
    case "list":
      for (const item of b.items) paragraph(doc, `・${item}`);
      return;
    case "table":
      if (b.caption) paragraph(doc, b.caption, { bold: true });
      table(doc, b.header, b.rows, b.keyColumn ?? false);
      return;
    case "chart": {
      const { png, width, height } = renderChartPng(b.chart);
      const shownWidth = Math.min(contentWidth(doc), 460);
      const shownHeight = (height / width) * shownWidth;
      ensureSpace(doc, shownHeight + 24);
      doc.image(png, MARGIN + (contentWidth(doc) - shownWidth) / 2, doc.y, { width: shownWidth });
      doc.y += shownHeight + 4;
      doc
        .font("regular")
        .fontSize(9)
        .fillColor("#444")
        .text(b.caption, MARGIN, doc.y, { width: contentWidth(doc), align: "center" });
      doc.moveDown(0.8);
      return;
    }
  }
}

/** A heading in lines broken between phrases, so no word is split across two lines (開/催). */
function heading(doc: Pdf, text: string, size: number, x = MARGIN, width = contentWidth(doc)): void {
  doc.font("bold").fontSize(size).fillColor("#1F3A5F");
  const lines = phraseLines(text, width, (line) => doc.widthOfString(line));
  doc.text(lines.join("\n"), x, doc.y, { width, lineGap: 3 });
  doc.moveDown(0.3);
}

/** A heading never ends a page: it keeps room for what follows it (a whole chart, if one does). */
function roomAfterHeading(doc: Pdf, s: ReportSection): number {
  const first = s.blocks[0];
  if (first?.kind !== "chart") return 60;
  const { width, height } = renderChartPng(first.chart);
  return 40 + (height / width) * Math.min(contentWidth(doc), 460);
}

/** The page number each heading is printed on, as the footer numbers pages (the cover is page 0). */
type HeadingPages = Map<ReportSection, number>;

function currentPageNumber(doc: Pdf): number {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

function section(doc: Pdf, s: ReportSection, parent: PDFKit.PDFOutline, pages: HeadingPages): void {
  if (s.level === 1) doc.addPage();
  else ensureSpace(doc, roomAfterHeading(doc, s));
  pages.set(s, currentPageNumber(doc));
  const outline = parent.addItem(headingText(s));
  doc.moveDown(s.level === 1 ? 0 : 0.5);
  heading(doc, headingText(s), headingSizes[s.level]);
  doc.moveDown(0.2);
  for (const b of s.blocks) block(doc, b);
  for (const child of s.sections) section(doc, child, outline, pages);
}

function cover(doc: Pdf, report: AnnualReport): void {
  doc.y = 220;
  for (const line of report.cover.title.split("\n")) {
    doc
      .font("bold")
      .fontSize(17)
      .fillColor("#111")
      .text(line, MARGIN, doc.y, { width: contentWidth(doc), align: "center", lineGap: 6 });
  }
  doc.y = 520;
  doc
    .font("regular")
    .fontSize(13)
    .text(report.cover.issuedOnText, MARGIN, doc.y, { width: contentWidth(doc), align: "center" });
  doc.moveDown(2);
  doc.fontSize(14).text(report.cover.organisation, { width: contentWidth(doc), align: "center" });
}

/** Where a contents entry was written, so its page number is filled in once the chapters are laid out. */
interface ContentsEntry {
  section: ReportSection;
  page: number;
  y: number;
}

const PAGE_COLUMN = 36;

/** The contents, without page numbers yet: each entry keeps a column at the right for its number. */
function contents(doc: Pdf, report: AnnualReport, t: Translate): ContentsEntry[] {
  doc.addPage();
  paragraph(doc, t("reports.toc"), { bold: true, size: 16, color: "#1F3A5F" });
  const entries: ContentsEntry[] = [];
  const walk = (sections: ReportSection[]) => {
    for (const s of sections) {
      if (s.level > 2) continue;
      const indent = (s.level - 1) * 16;
      const width = contentWidth(doc) - indent - PAGE_COLUMN;
      doc.font(s.level === 1 ? "bold" : "regular").fontSize(10.5);
      const text = phraseLines(headingText(s), width, (line) => doc.widthOfString(line)).join("\n");
      ensureSpace(doc, doc.heightOfString(text, { width, lineGap: 4 }));
      entries.push({ section: s, page: currentPageNumber(doc), y: doc.y });
      doc.fillColor("#222").text(text, MARGIN + indent, doc.y, { width, lineGap: 4 });
      walk(s.sections);
    }
  };
  walk(report.sections);
  return entries;
}

/** Writes each entry's page number at the right of its first line. */
function fillContentsPages(doc: Pdf, entries: ContentsEntry[], pages: HeadingPages): void {
  for (const entry of entries) {
    const page = pages.get(entry.section);
    if (page === undefined) continue;
    doc.switchToPage(entry.page);
    doc
      .font(entry.section.level === 1 ? "bold" : "regular")
      .fontSize(10.5)
      .fillColor("#222")
      .text(String(page), MARGIN + contentWidth(doc) - PAGE_COLUMN, entry.y, {
        width: PAGE_COLUMN,
        align: "right",
        lineBreak: false,
      });
  }
}

export async function renderReportPdf(report: AnnualReport, t: Translate): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: report.cover.title.replace(/\n/g, ""), Author: report.cover.organisation },
    lang: "ja-JP",
    displayTitle: true,
  });
  const done = pdfBytes(doc);
  doc.registerFont("regular", notoSansJp.regular);
  doc.registerFont("bold", notoSansJp.bold);

  cover(doc, report);
  const entries = contents(doc, report, t);
  const pages: HeadingPages = new Map();
  for (const s of report.sections) section(doc, s, doc.outline, pages);
  fillContentsPages(doc, entries, pages);

  // Page numbers last, when the page count is known; the cover goes unnumbered.
  const range = doc.bufferedPageRange();
  for (let i = 1; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("regular")
      .fontSize(9)
      .fillColor("#555")
      .text(t("reports.page", { page: i, pages: range.count - 1 }), MARGIN, doc.page.height - 36, {
        width: contentWidth(doc),
        align: "center",
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
