/**
 * The report as Word (DOCX): a cover, a table of contents field, real Heading 1–3 styles (Word's
 * navigation pane and "update table" work), tables, the charts as PNG images, and page numbers in
 * the footer. Every run names Noto Sans JP as its East Asian font (the font the PDF embeds); Word
 * substitutes its own Japanese font where Noto Sans JP is not installed.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  type PageNumberEstimator,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { estimatePageNumbersWith } from "docx/layout";
import { readFileSync } from "node:fs";
import type { Translate } from "../../i18n/index.ts";
import { notoSansJp, renderChartPng } from "./render-chart.ts";
import { type AnnualReport, type Block, columnShares, headingText, type ReportSection } from "./report-model.ts";

/** Word picks eastAsia for kana and kanji, ascii/hAnsi for Latin. */
const font = { ascii: "Noto Sans JP", hAnsi: "Noto Sans JP", eastAsia: "Noto Sans JP", cs: "Noto Sans JP" };
/** A4 with 25 mm margins leaves 160 mm: 600 px at Word's 96 px per inch, 9070 twips. */
const IMAGE_WIDTH = 600;
const TEXT_WIDTH_TWIPS = 11906 - 2 * 1418;

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;

function textParagraphs(text: string): Paragraph[] {
  return text.split("\n").map((line) => new Paragraph({ children: [new TextRun(line)], spacing: { after: 120 } }));
}

const cellBorder = { style: BorderStyle.SINGLE, size: 4, color: "888888" };

function table(header: string[], rows: string[][], keyColumn: boolean): Table {
  const cell = (text: string, bold: boolean, shaded: boolean, width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      children: text.split("\n").map((line) => new Paragraph({ children: [new TextRun({ text: line, bold })] })),
      shading: shaded ? { type: ShadingType.CLEAR, fill: "E8EEF6", color: "auto" } : undefined,
      borders: { top: cellBorder, bottom: cellBorder, left: cellBorder, right: cellBorder },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const widths = columnShares(header, rows).map((share) => Math.round(share * TEXT_WIDTH_TWIPS));
  return new Table({
    width: { size: TEXT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      ...(header.length > 0
        ? [
            new TableRow({
              tableHeader: true,
              cantSplit: true,
              children: header.map((h, i) => cell(h, true, true, widths[i]!)),
            }),
          ]
        : []),
      ...rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) => cell(value, keyColumn && i === 0, keyColumn && i === 0, widths[i]!)),
          }),
      ),
    ],
  });
}

function blockChildren(block: Block, t: Translate): (Paragraph | Table)[] {
  switch (block.kind) {
    case "paragraph":
    case "narrative":
      return textParagraphs(block.text);
    case "missing":
      return [new Paragraph({ children: [new TextRun({ text: block.text, italics: true, color: "8A4B00" })] })];
    case "labelled":
      return [
        new Paragraph({
          children: [new TextRun({ text: `${block.label} `, bold: true }), new TextRun(block.text)],
          spacing: { after: 80 },
        }),
      ];
    case "list":
      return block.items.map((item) => new Paragraph({ children: [new TextRun(`・${item}`)], indent: { left: 240 } }));
    case "table":
      return [
        ...(block.caption
          ? [new Paragraph({ children: [new TextRun({ text: block.caption, bold: true })], spacing: { before: 120 } })]
          : []),
        table(block.header, block.rows, block.keyColumn ?? false),
        new Paragraph({ children: [] }),
      ];
    case "chart": {
      const { png, width, height } = renderChartPng(block.chart);
      const scale = IMAGE_WIDTH / width;
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
          children: [
            new ImageRun({
              type: "png",
              data: png,
              transformation: { width: IMAGE_WIDTH, height: Math.round(height * scale) },
              altText: {
                name: block.id,
                title: block.caption,
                description: t("reports.chartAlt", { caption: block.caption }),
              },
            }),
          ],
        }),
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: block.caption, size: 18 })],
          spacing: { after: 160 },
        }),
      ];
    }
  }
}

function sectionChildren(s: ReportSection, t: Translate): (Paragraph | Table)[] {
  return [
    new Paragraph({
      heading: headingLevels[s.level],
      pageBreakBefore: s.level === 1,
      keepNext: true,
      keepLines: true,
      children: [new TextRun(headingText(s))],
    }),
    ...s.blocks.flatMap((b) => blockChildren(b, t)),
    ...s.sections.flatMap((child) => sectionChildren(child, t)),
  ];
}

function cover(report: AnnualReport, t: Translate): Paragraph[] {
  return [
    new Paragraph({ children: [], spacing: { before: 2400 } }),
    ...report.cover.title.split("\n").map(
      (line) =>
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ text: line, bold: true, size: 36 })],
          spacing: { after: 120 },
        }),
    ),
    new Paragraph({ children: [], spacing: { before: 2400 } }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: report.cover.issuedOnText, size: 26 })],
      spacing: { after: 480 },
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: report.cover.organisation, size: 28 })],
    }),
    new Paragraph({ pageBreakBefore: true, children: [new TextRun({ text: t("reports.toc"), bold: true, size: 28 })] }),
  ];
}

let estimator: PageNumberEstimator | undefined;
function pageNumberEstimator(): PageNumberEstimator {
  estimator ??= estimatePageNumbersWith({
    fonts: [notoSansJp.regular, notoSansJp.bold].map((file) => ({ data: readFileSync(file), name: "Noto Sans JP" })),
    guess: true,
  });
  return estimator;
}

export async function renderReportDocx(report: AnnualReport, t: Translate): Promise<Buffer> {
  const headingRun = (size: number) => ({ run: { font, size, bold: true, color: "1F3A5F" } });
  const document = new Document({
    creator: report.cover.organisation,
    title: report.cover.title.replace(/\n/g, ""),
    // The contents' page numbers are written with the document (docx's own estimate of Word's
    // layout, measuring our font's files), so the TOC is filled wherever it is opened; Word also
    // updates the fields on opening (updateFields), so its numbers follow its own layout exactly.
    pageNumbers: pageNumberEstimator(),
    features: { updateFields: true },
    styles: {
      default: {
        // 1.33 lines, as a multiple (auto): an exact height would clip the chart images.
        document: { run: { font, size: 21 }, paragraph: { spacing: { line: 320, lineRule: LineRuleType.AUTO } } },
        heading1: { ...headingRun(32), paragraph: { spacing: { before: 240, after: 240 } } },
        heading2: { ...headingRun(26), paragraph: { spacing: { before: 240, after: 120 } } },
        heading3: { ...headingRun(22), paragraph: { spacing: { before: 200, after: 80 } } },
      },
    },
    sections: [
      {
        // The cover page has its own (empty) footer: numbering shows from the contents page on.
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: 1418, bottom: 1418, left: 1418, right: 1418 } },
        },
        footers: {
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["- ", PageNumber.CURRENT, " -"] })],
              }),
            ],
          }),
        },
        children: [
          ...cover(report, t),
          new TableOfContents(t("reports.toc"), { hyperlink: true, headingStyleRange: "1-2" }),
          ...report.sections.flatMap((s) => sectionChildren(s, t)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
