/**
 * Which figures of a breakdown (one question by the answer to a single-choice question) a view
 * for sharing may show: primary suppression of small groups and cells, then secondary
 * suppression until no hidden figure can be derived from what is shown plus every whole-sample
 * figure (docs/survey-counting.md §4). The audit is exact (disclosure-audit.ts).
 */
import type { Answers } from "./check-answers.ts";
import { answerCounts } from "./answer-counts.ts";
import { isSingleChoice, type Option, type QuestionInfo } from "./definition.ts";
import { DisclosureAudit, type Relation } from "./disclosure-audit.ts";
import { combinedCategories } from "./templates/combined.ts";

/** Groups and cells below this many respondents are hidden outside the secretariat. */
export const MIN_CELL = 5;

/**
 * Above this many hidden counts tied together by relations (the largest problem the audit would
 * solve) a breakdown is not audited but hidden whole; and an audit that would cost more than
 * AUDIT_WORK_BUDGET (Σ problem size², disclosure-audit.ts) stops and hides it whole too. The
 * exact audit of a large matrix by many small groups (Q6 by Q2 of 28 respondents: about 400
 * counts, most hidden) takes a minute with the pure-JS solver; a wide table whose hidden cells
 * are few and apart (sixty communities' answers to one question) is cheap whatever its size.
 */
const MAX_AUDITED_VARIABLES = 300;
const AUDIT_WORK_BUDGET = 10_000_000;

/** Respondents who did not answer (or answered a code the definition no longer lists). */
const NONE = "#none";
const UNLISTED = "#unlisted";
const SEP = "\u001f";

const cell = (row: string, column: string) => `x${SEP}${row}${SEP}${column}`;
const rowBase = (row: string) => `b${SEP}${row}`;
const columnBase = (column: string) => `d${SEP}${column}`;
const rowCombined = (row: string, key: string) => `k${SEP}${row}${SEP}${key}`;
const columnCombined = (column: string, key: string) => `e${SEP}${column}${SEP}${key}`;
const notAnswered = (row: string) => `u${SEP}${row}`;
const matrixRowBase = (row: string, item: string) => `rb${SEP}${row}${SEP}${item}`;
const matrixCell = (row: string, item: string, column: string) => `x${SEP}${row}${SEP}${item}${SEP}${column}`;
const matrixCombined = (row: string, item: string, key: string) => `k${SEP}${row}${SEP}${item}${SEP}${key}`;
const unlistedItems = (row: string) => `rbx${SEP}${row}`;

type Kind = "single" | "multiple" | "matrix" | "text";

/**
 * A ranking is a matrix (choice × position). An `items` question is audited like a free text:
 * only each group's base for it can be shown; its items' figures are never shown in a breakdown
 * for sharing (their cells need not add up to an item's base, so the relations would not hold).
 */
function kindOf(q: QuestionInfo): Kind {
  if (q.kind === "single") return "single";
  if (q.kind === "multiple") return "multiple";
  if (q.kind === "grid") return "matrix";
  return "text";
}

export const optionsOf = (q: QuestionInfo): Option[] =>
  q.hasOther ? [...q.choices, { value: "other", label: q.otherLabel }] : q.choices;

const combinationsOf = (q: QuestionInfo, options: Option[]) => {
  const known = new Set(options.map((o) => o.value));
  return combinedCategories.filter((c) => c.question === q.name && c.values.every((v) => known.has(v)));
};

const answered = (value: unknown) => value !== undefined && value !== null && value !== "";

/** A table under construction: true values, relations, and which variables a view could show. */
class TableBuilder {
  readonly values = new Map<string, number>();
  readonly relations: Relation[] = [];
  /** Figure → the group (row or column) it belongs to, for group-level suppression. */
  readonly figures = new Map<string, { row?: string; column?: string; item?: string }>();

  add(name: string, by = 1) {
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  variable(name: string) {
    if (!this.values.has(name)) this.values.set(name, 0);
    return name;
  }

  figure(name: string, owner: { row?: string; column?: string; item?: string }) {
    this.variable(name);
    this.figures.set(name, owner);
    return name;
  }

  /** `defined` = Σ terms, a figure defined as a sum of other variables. */
  sum(defined: string, terms: string[]) {
    this.relations.push({ terms: [[defined, 1], ...terms.map((t) => [t, -1] as const)], equal: 0 });
  }

  /**
   * A figure shown as the sum of other cells (a row's or column's base, a combined answer): its
   * true value is their total, and the relation ties it to them so suppression sees through it.
   */
  sumFigure(name: string, owner: { row?: string; column?: string; item?: string }, terms: string[]) {
    this.figure(name, owner);
    this.values.set(
      name,
      terms.reduce((s, t) => s + this.values.get(t)!, 0),
    );
    this.sum(name, terms);
  }

  relation(terms: string[], bound: { equal?: number; min?: number; max?: number }, coefficients?: number[]) {
    this.relations.push({ terms: terms.map((t, i) => [t, coefficients?.[i] ?? 1] as const), ...bound });
  }

  /** A public constant: Σ terms = its true value (whole-sample figures, group sizes). */
  margin(terms: string[]) {
    const total = terms.reduce((s, t) => s + (this.values.get(t) ?? 0), 0);
    this.relation(terms, { equal: total });
  }
}

export interface BreakdownMask {
  /** Whole group hidden (merged into the hidden pool): no size, no figure. */
  groupHidden(group: string): boolean;
  base(group: string): boolean;
  cell(group: string, value: string): boolean;
  combined(group: string, key: string): boolean;
  itemBase(group: string, item: string): boolean;
  itemCell(group: string, item: string, column: string): boolean;
  itemCombined(group: string, item: string, key: string): boolean;
}

/**
 * The hidden figures of `target` broken down by `by` for a view meant for sharing. When both are
 * single-choice questions the table is built in one orientation (by question name), so "A by B"
 * and "B by A" hide the same cells and two exports cannot be combined to undo each other.
 */
export function protectBreakdown(
  by: QuestionInfo,
  target: QuestionInfo,
  responses: readonly { answers: Answers; n: number }[],
): BreakdownMask {
  const symmetric = isSingleChoice(target);
  const swapped = symmetric && target.name < by.name;
  const rowsQuestion = swapped ? target : by;
  const columnsQuestion = swapped ? by : target;
  const { shown, pooledRows, pooledColumns } = protectTable(rowsQuestion, columnsQuestion, responses, symmetric);
  // Anything the table does not know as a shown figure is hidden: a new kind of figure stays safe.
  const is = (name: string) => !shown.has(name);
  if (swapped) {
    return {
      groupHidden: (g) => pooledColumns.has(g),
      base: (g) => is(columnBase(g)),
      cell: (g, v) => is(cell(v, g)),
      combined: (g, key) => is(columnCombined(g, key)),
      itemBase: () => true,
      itemCell: () => true,
      itemCombined: () => true,
    };
  }
  return {
    groupHidden: (g) => pooledRows.has(g),
    base: (g) => is(rowBase(g)),
    cell: (g, v) => is(cell(g, v)),
    combined: (g, key) => is(rowCombined(g, key)),
    itemBase: (g, item) => is(matrixRowBase(g, item)),
    itemCell: (g, item, column) => is(matrixCell(g, item, column)),
    itemCombined: (g, item, key) => is(matrixCombined(g, item, key)),
  };
}

/** Rows: the groups of `rows` (a single-choice question); columns: the answers to `columns`. */
function protectTable(
  rowsQ: QuestionInfo,
  columnsQ: QuestionInfo,
  responses: readonly { answers: Answers; n: number }[],
  symmetric: boolean,
): Protection {
  const t = new TableBuilder();
  const groupOptions = optionsOf(rowsQ).map((o) => o.value);
  const groupSet = new Set(groupOptions);
  const kind = kindOf(columnsQ);
  const columnOptions = (kind === "matrix" ? columnsQ.columns : optionsOf(columnsQ)).map((o) => o.value);
  const columnSet = new Set(columnOptions);
  const items = columnsQ.rows.map((r) => r.value);
  const itemSet = new Set(items);
  const rowOf = (a: Answers) => {
    const v = a[rowsQ.name];
    if (!answered(v)) return NONE;
    return groupSet.has(String(v)) ? String(v) : UNLISTED;
  };
  const size = new Map<string, number>();
  let unlistedColumn = false;
  let unlistedItem = false;
  // Respondents of one group who gave the same answer add the same counts: each distinct
  // (group, answer) is counted once, with how many gave it (a programme's comparison reads
  // hundreds of thousands of answers, most of them alike).
  const alike = new Map<string, { row: string; value: unknown; n: number }>();
  for (const { answers: a, n } of responses) {
    const row = rowOf(a);
    const value = a[columnsQ.name];
    const key = `${row}${SEP}${value === undefined ? "" : JSON.stringify(value)}`;
    const seen = alike.get(key);
    if (seen) seen.n += n;
    else alike.set(key, { row, value, n });
  }
  for (const { row, value, n } of alike.values()) {
    size.set(row, (size.get(row) ?? 0) + n);
    if (kind === "single") {
      const column = !answered(value) ? NONE : columnSet.has(String(value)) ? String(value) : UNLISTED;
      if (column === UNLISTED) unlistedColumn = true;
      t.add(cell(row, column), n);
    } else if (kind === "multiple") {
      const list = Array.isArray(value) ? value.map(String) : [];
      if (!list.length) continue;
      t.add(rowBase(row), n);
      for (const v of list) {
        if (!columnSet.has(v)) unlistedColumn = true;
        t.add(cell(row, columnSet.has(v) ? v : UNLISTED), n);
      }
    } else if (kind === "matrix") {
      const cells = (answerCounts(columnsQ, value)?.rows ?? []).map((r) => [r.row, r.values[0]!] as const);
      if (!cells.length) continue;
      t.add(rowBase(row), n);
      for (const [item, column] of cells) {
        if (!itemSet.has(item)) {
          unlistedItem = true;
          t.add(unlistedItems(row), n);
          continue;
        }
        t.add(matrixRowBase(row, item), n);
        if (!columnSet.has(column)) unlistedColumn = true;
        t.add(matrixCell(row, item, columnSet.has(column) ? column : UNLISTED), n);
      }
    } else if (typeof value === "string" ? value.trim() : answered(value)) {
      t.add(rowBase(row), n);
    }
  }
  const realRows = groupOptions;
  const phantomRows = [NONE, ...(size.get(UNLISTED) ? [UNLISTED] : [])];
  const allRows = [...realRows, ...phantomRows];
  const listedPlus = unlistedColumn ? [...columnOptions, UNLISTED] : columnOptions;
  const rowSize = (r: string) => size.get(r) ?? 0;
  const owner = (row: string, extra: { column?: string; item?: string } = {}) => ({ row, ...extra });
  const isFigureRow = (r: string) => groupSet.has(r);
  const declare = (name: string, o: { row?: string; column?: string; item?: string }, figureHere: boolean) =>
    figureHere ? t.figure(name, o) : t.variable(name);

  if (kind === "single") {
    const columns = [...listedPlus, NONE];
    for (const r of allRows) {
      for (const c of columns) declare(cell(r, c), owner(r, { column: c }), isFigureRow(r) && columnSet.has(c));
      t.margin(columns.map((c) => cell(r, c)));
      if (isFigureRow(r)) {
        t.sumFigure(
          rowBase(r),
          owner(r),
          listedPlus.map((c) => cell(r, c)),
        );
        for (const combo of combinationsOf(columnsQ, columnsQ.choices)) {
          t.sumFigure(
            rowCombined(r, combo.key),
            owner(r),
            combo.values.map((v) => cell(r, v)),
          );
        }
      }
    }
    for (const c of columns) t.margin(allRows.map((r) => cell(r, c)));
    if (symmetric) {
      const rowsPlus = size.get(UNLISTED) ? [...realRows, UNLISTED] : realRows;
      for (const c of columnOptions) {
        t.sumFigure(
          columnBase(c),
          { column: c },
          rowsPlus.map((r) => cell(r, c)),
        );
        for (const combo of combinationsOf(rowsQ, rowsQ.choices)) {
          t.sumFigure(
            columnCombined(c, combo.key),
            { column: c },
            combo.values.map((r) => cell(r, c)),
          );
        }
      }
    }
  } else {
    for (const r of allRows) {
      declare(rowBase(r), owner(r), isFigureRow(r));
      t.variable(notAnswered(r));
      t.values.set(notAnswered(r), rowSize(r) - t.values.get(rowBase(r))!);
      t.margin([rowBase(r), notAnswered(r)]);
    }
    t.margin(allRows.map(rowBase));
    if (kind === "multiple") {
      for (const r of allRows) {
        for (const c of listedPlus) {
          declare(cell(r, c), owner(r, { column: c }), isFigureRow(r) && columnSet.has(c));
          if (c !== UNLISTED) t.relation([cell(r, c), rowBase(r)], { max: 0 }, [1, -1]);
        }
        // Each respondent ticked at least one: the counts of a group add up to at least its base.
        t.relation([...listedPlus.map((c) => cell(r, c)), rowBase(r)], { min: 0 }, [...listedPlus.map(() => 1), -1]);
        if (isFigureRow(r)) {
          for (const combo of combinationsOf(columnsQ, columnsQ.choices)) {
            t.sumFigure(
              rowCombined(r, combo.key),
              owner(r),
              combo.values.map((v) => cell(r, v)),
            );
          }
        }
      }
      for (const c of columnOptions) t.margin(allRows.map((r) => cell(r, c)));
    } else if (kind === "matrix") {
      for (const r of allRows) {
        for (const item of items) {
          declare(matrixRowBase(r, item), owner(r, { item }), isFigureRow(r));
          for (const c of listedPlus) {
            declare(matrixCell(r, item, c), owner(r, { item, column: c }), isFigureRow(r) && columnSet.has(c));
          }
          t.sum(
            matrixRowBase(r, item),
            listedPlus.map((c) => matrixCell(r, item, c)),
          );
          t.relation([matrixRowBase(r, item), rowBase(r)], { max: 0 }, [1, -1]);
          if (isFigureRow(r)) {
            for (const combo of combinationsOf(columnsQ, columnsQ.columns)) {
              t.sumFigure(
                matrixCombined(r, item, combo.key),
                owner(r, { item }),
                combo.values.map((v) => matrixCell(r, item, v)),
              );
            }
          }
        }
        const answeredItems = items.map((item) => matrixRowBase(r, item));
        if (unlistedItem) answeredItems.push(t.variable(unlistedItems(r)));
        // Whoever answered the matrix answered at least one of its items.
        t.relation([...answeredItems, rowBase(r)], { min: 0 }, [...answeredItems.map(() => 1), -1]);
      }
      for (const item of items) {
        t.margin(allRows.map((r) => matrixRowBase(r, item)));
        for (const c of columnOptions) t.margin(allRows.map((r) => matrixCell(r, item, c)));
      }
    }
  }
  return suppress(t, {
    matrix: kind === "matrix",
    realRows,
    phantomRows,
    rowSize,
    realColumns: symmetric ? columnOptions : [],
    phantomColumns: symmetric ? [NONE, ...(unlistedColumn ? [UNLISTED] : [])] : [],
    columnSize: (c) => allRows.reduce((s, r) => s + (t.values.get(cell(r, c)) ?? 0), 0),
  });
}

/**
 * The groups merged into the hidden pool: every group under MIN_CELL, and, while the pool would
 * be a single group or fewer than MIN_CELL respondents (so "whole sample minus the shown groups"
 * would give one small group's figures), the smallest shown groups as well.
 */
export function pooledGroups(real: string[], phantom: string[], sizeOf: (g: string) => number): Set<string> {
  const pooled = new Set(real.filter((g) => sizeOf(g) < MIN_CELL));
  const parts = () => [...pooled, ...phantom].filter((g) => sizeOf(g) > 0);
  const needsPartner = () => {
    const p = parts();
    return p.some((g) => sizeOf(g) < MIN_CELL) && (p.length < 2 || p.reduce((s, g) => s + sizeOf(g), 0) < MIN_CELL);
  };
  while (needsPartner()) {
    const next = real
      .filter((g) => !pooled.has(g))
      .sort((a, b) => sizeOf(a) - sizeOf(b) || real.indexOf(a) - real.indexOf(b))[0];
    if (next === undefined) break;
    pooled.add(next);
  }
  return pooled;
}

interface Axes {
  /** A matrix (grid, ranking): its hidden cells tie items together, so its audit spreads. */
  matrix: boolean;
  realRows: string[];
  phantomRows: string[];
  rowSize: (r: string) => number;
  realColumns: string[];
  phantomColumns: string[];
  columnSize: (c: string) => number;
}

interface Protection {
  shown: Set<string>;
  pooledRows: Set<string>;
  pooledColumns: Set<string>;
}

function suppress(t: TableBuilder, axes: Axes): Protection {
  const audit = new DisclosureAudit(t, { budget: AUDIT_WORK_BUDGET, largestProblem: MAX_AUDITED_VARIABLES });
  const value = (name: string) => t.values.get(name)!;
  const hiddenFigures = new Set<string>();
  const hideWhere = (test: (o: { row?: string; column?: string; item?: string }) => boolean) => {
    for (const [name, o] of t.figures) if (test(o)) hiddenFigures.add(name);
  };
  // Primary: small groups (merged into a pool of two or more), small bases, small cells.
  const pooledRows = pooledGroups(axes.realRows, axes.phantomRows, axes.rowSize);
  for (const g of pooledRows) hideWhere((o) => o.row === g);
  const pooledColumns = pooledGroups(axes.realColumns, axes.phantomColumns, axes.columnSize);
  for (const g of pooledColumns) hideWhere((o) => o.column === g);
  for (const r of axes.realRows) if (value(rowBase(r)) < MIN_CELL) hideWhere((o) => o.row === r);
  for (const c of axes.realColumns) if (value(columnBase(c)) < MIN_CELL) hideWhere((o) => o.column === c);
  for (const [name, o] of t.figures) {
    if (name.startsWith(`rb${SEP}`) && value(name) < MIN_CELL) hideWhere((x) => x.row === o.row && x.item === o.item);
  }
  for (const name of t.figures.keys()) if (value(name) < MIN_CELL) hiddenFigures.add(name);

  // Never shown, but about a group of respondents: protected like a hidden figure when it would be.
  const phantomRows = new Set(axes.phantomRows);
  const protectedPhantoms = [...t.values.keys()].filter((name) => {
    const [kind, row, ...rest] = name.split(SEP);
    if (!phantomRows.has(row!) || kind === "u" || rest.includes(NONE) || axes.realColumns.length) return false;
    return value(name) < MIN_CELL || axes.rowSize(row!) < MIN_CELL;
  });

  const shown = () => [...t.figures.keys()].filter((f) => !hiddenFigures.has(f));
  // Too large to audit here in good time: the breakdown shows no figure at all (always safe). A
  // matrix's hidden cells spread through its items as suppression goes on (sixty communities'
  // Q6 used the whole budget and showed nothing), so a wide one is not tried.
  const unknown = new Set([...t.values.keys()].filter((v) => !t.figures.has(v) || hiddenFigures.has(v)));
  const tooWide = axes.matrix
    ? audit.freeVariables > MAX_AUDITED_VARIABLES
    : audit.largestComponent(unknown) > MAX_AUDITED_VARIABLES;
  if (tooWide) return { shown: new Set(), pooledRows, pooledColumns };
  try {
    secondarySuppression(t, audit, hiddenFigures, protectedPhantoms, shown);
  } catch {
    // Over budget, or the solver gave up (time, iterations): nothing is proven safe, so nothing is shown.
    return { shown: new Set(), pooledRows, pooledColumns };
  }
  return { shown: new Set(shown()), pooledRows, pooledColumns };
}

/** Hides shown figures beside pinned hidden ones until the audit pins none (or excuses it). */
function secondarySuppression(
  t: TableBuilder,
  audit: DisclosureAudit,
  hiddenFigures: Set<string>,
  protectedPhantoms: string[],
  shown: () => string[],
) {
  const value = (name: string) => t.values.get(name)!;
  const unknowns = () => new Set([...t.values.keys()].filter((v) => !t.figures.has(v) || hiddenFigures.has(v)));
  const movable = new Set<string>();
  const excused = new Set<string>();
  for (;;) {
    const hidden = unknowns();
    const open = [...hiddenFigures, ...protectedPhantoms].filter((n) => !movable.has(n) && !excused.has(n)).sort();
    const pinned = new Set(audit.pinned(open, hidden));
    for (const n of open) if (!pinned.has(n)) movable.add(n);
    if (!pinned.size) break;
    // One more suppression beside each pinned figure per round (then audit again).
    const shownNow = new Set(shown());
    for (const next of [...pinned].sort()) {
      // Derivable from whole-sample figures alone (e.g. nobody chose it): nothing to protect.
      if (audit.pinnedByPublicFigures(next)) {
        excused.add(next);
        continue;
      }
      const candidate = secondaryCandidate(audit, next, hidden, shownNow, value);
      // Pinned by public figures only, yet not by the whole sample: cannot happen; show nothing.
      if (!candidate) throw new Error("secondary suppression: no figure to hide");
      hiddenFigures.add(candidate);
      shownNow.delete(candidate);
    }
  }
}

/**
 * The shown figure to hide next so that `pinned` can move: one beside it (or beside the hidden
 * figures it moves with), the smallest first, cells before bases (a base keeps a row's percents).
 */
function secondaryCandidate(
  audit: DisclosureAudit,
  pinned: string,
  hidden: Set<string>,
  shown: Set<string>,
  value: (n: string) => number,
): string | undefined {
  const seen = new Set([pinned]);
  let frontier = [pinned];
  while (frontier.length) {
    const around = new Set<string>();
    const next: string[] = [];
    for (const name of frontier) {
      for (const n of audit.neighbours(name)) {
        if (shown.has(n)) around.add(n);
        else if (hidden.has(n) && !seen.has(n)) {
          seen.add(n);
          next.push(n);
        }
      }
    }
    if (around.size) {
      const rank = (n: string) => (n.startsWith("x") ? 0 : n.startsWith("k") || n.startsWith("e") ? 1 : 2);
      return [...around].sort((a, b) => value(a) - value(b) || rank(a) - rank(b) || (a < b ? -1 : 1))[0];
    }
    frontier = next;
  }
  return undefined;
}
