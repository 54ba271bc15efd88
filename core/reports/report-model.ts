/**
 * The annual report (事業実施報告書) as a typed document tree. Assembly fills it from the data;
 * three renderers walk the same tree: the browser preview (HTML), DOCX and PDF. Charts are data
 * here (categories, series, bases), never pictures, so every renderer draws them its own way.
 */

/** A chart of a question's figures: percentages of `base` (the question's own base). */
export type ChartSpec =
  | {
      kind: "bar";
      /** Category labels in question order (choices, or combined figures). */
      categories: string[];
      /** Percent per category (null when the base is 0). */
      percents: (number | null)[];
      counts: number[];
      base: number;
    }
  | {
      /** A matrix: one 100 % bar per row, stacked by column. */
      kind: "stacked-100";
      rows: { label: string; base: number; percents: (number | null)[] }[];
      columns: string[];
    };

export type Block =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  /** A labelled line such as "[産] 長崎県商工会議所連合会、…". */
  | { kind: "labelled"; label: string; text: string }
  | {
      kind: "table";
      caption?: string;
      header: string[];
      rows: string[][] /** column 0 is a label column */;
      keyColumn?: boolean;
    }
  | { kind: "chart"; id: string; caption: string; chart: ChartSpec }
  /**
   * Text the secretariat may edit. `text` is what is printed (the edit if any, else the default);
   * `defaultText` is what the data says today, so the editor can show both.
   */
  | {
      kind: "narrative";
      id: string;
      label: string;
      text: string;
      defaultText: string;
      edited: boolean;
      hints?: string[];
    }
  /** A part whose source data is not there (yet): printed as a clear note, never an error. */
  | { kind: "missing"; text: string };

export interface ReportSection {
  /** Stable id, e.g. "s4.1" — anchors in the preview and bookmarks in the documents. */
  id: string;
  /** "1", "1.2", "4.1" … as printed. */
  number: string;
  title: string;
  /** 1 = chapter (a new page), 2 = section, 3 = question / sub-section. */
  level: 1 | 2 | 3;
  blocks: Block[];
  sections: ReportSection[];
}

export interface ReportCover {
  /** 令和2年度中小企業サイバーセキュリティ対策促進事業 (地域SECURITY形成促進事業) における … */
  title: string;
  organisation: string;
  /** YYYY-MM-DD, printed in the Japanese era and the Western calendar. */
  issuedOn: string;
  issuedOnText: string;
  /** What the cover's editable fields say without the secretariat's edits. */
  defaults: { "cover.title": string; "cover.organisation": string; "cover.issuedOn": string };
}

export interface AnnualReport {
  fiscalYear: number;
  /** 令和2年度 */
  fiscalYearLabel: string;
  cover: ReportCover;
  sections: ReportSection[];
}

export function section(
  id: string,
  number: string,
  title: string,
  level: ReportSection["level"],
  blocks: Block[] = [],
  sections: ReportSection[] = [],
): ReportSection {
  return { id, number, title, level, blocks, sections };
}

/** Every block of the report in reading order (for searching and for the edit form). */
export function* walkBlocks(sections: ReportSection[]): Generator<{ section: ReportSection; block: Block }> {
  for (const s of sections) {
    for (const block of s.blocks) yield { section: s, block };
    yield* walkBlocks(s.sections);
  }
}

export function* walkSections(sections: ReportSection[]): Generator<ReportSection> {
  for (const s of sections) {
    yield s;
    yield* walkSections(s.sections);
  }
}

export function narrativeBlocks(report: AnnualReport): Extract<Block, { kind: "narrative" }>[] {
  const found: Extract<Block, { kind: "narrative" }>[] = [];
  for (const { block } of walkBlocks(report.sections)) if (block.kind === "narrative") found.push(block);
  return found;
}

export function chartBlocks(report: AnnualReport): Extract<Block, { kind: "chart" }>[] {
  const found: Extract<Block, { kind: "chart" }>[] = [];
  for (const { block } of walkBlocks(report.sections)) if (block.kind === "chart") found.push(block);
  return found;
}

/** The printed heading: "4.1 実施概要", or the bare title for question headings without a number. */
export function headingText(s: ReportSection): string {
  return s.number ? `${s.number} ${s.title}` : s.title;
}

/**
 * Column widths as shares of the table's width, from the longest text in each column (capped, so
 * one long cell does not starve the others): the DOCX and the PDF lay tables out alike.
 */
export function columnShares(header: string[], rows: string[][]): number[] {
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const weights = Array.from({ length: columns }, (_, i) =>
    Math.min(24, Math.max(4, ...[header, ...rows].map((r) => [...(r[i] ?? "")].length))),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
