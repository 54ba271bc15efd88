/**
 * Counting rules of the report (shared/spec/questionnaire.md, docs/survey-counting.md):
 * - a question's base is the responses to which it was shown and which answered it; stored
 *   answers contain only shown questions (the server drops the rest), so "answered" suffices;
 * - percent = round(100 × count / base, 1), null when the base is 0 (該当者無し);
 * - a matrix row has its own base, and its columns add up to 100%;
 * - combined categories are sums of counts, divided once.
 */
import type { Answers } from "./check-answers.ts";
import {
  isSingleChoice,
  type Locale,
  type QuestionKind,
  type Option,
  type QuestionInfo,
  textOf,
} from "./definition.ts";
import { answerCounts, resultRowsOf } from "./answer-counts.ts";
import { type BreakdownMask, MIN_CELL, optionsOf, protectBreakdown } from "./protect-breakdown.ts";
import { combinedCategories } from "./templates/combined.ts";

export interface CountCell {
  value: string;
  label: string;
  /** null when suppressed */
  count: number | null;
  percent: number | null;
  suppressed?: true;
}

export interface RowResult {
  value: string;
  label: string;
  base: number | null;
  columns: CountCell[];
  combined: CountCell[];
  suppressed?: true;
}

export interface QuestionResult {
  name: string;
  type: string;
  kind: QuestionKind;
  title: string;
  base: number | null;
  choices: CountCell[];
  combined: CountCell[];
  other: string[];
  texts: string[];
  rows: RowResult[];
  suppressed?: true;
}

export function percentOf(count: number, base: number): number | null {
  return base === 0 ? null : Math.round((1000 * count) / base) / 10;
}

export { MIN_CELL };

export interface Tally {
  base: number;
  counts: Map<string, number>;
  other: string[];
  texts: string[];
  rows: Map<string, { base: number; counts: Map<string, number> }>;
}

function emptyTally(): Tally {
  return { base: 0, counts: new Map(), other: [], texts: [], rows: new Map() };
}

function bump(map: Map<string, number>, key: string, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Adds `n` respondents who all gave `answers` (n > 1: a counted answer pattern, see answer-patterns.ts). */
function addAnswer(q: QuestionInfo, tally: Tally, answers: Answers, n = 1) {
  const counts = answerCounts(q, answers[q.name]);
  if (!counts) return;
  tally.base += n;
  for (const value of counts.values) bump(tally.counts, value, n);
  for (const { row, values } of counts.rows) {
    let r = tally.rows.get(row);
    if (!r) tally.rows.set(row, (r = { base: 0, counts: new Map() }));
    r.base += n;
    for (const value of values) bump(r.counts, value, n);
  }
  for (let i = 0; i < n; i++) {
    if (counts.text) tally.texts.push(counts.text);
    if (q.hasOther) {
      const comment = answers[`${q.name}-Comment`];
      if (typeof comment === "string" && comment.trim()) tally.other.push(comment);
    }
  }
}

interface Finish {
  locale: Locale;
}

function cells(options: Option[], counts: Map<string, number>, base: number): CountCell[] {
  return options.map((o) => {
    const count = counts.get(o.value) ?? 0;
    return { value: o.value, label: o.label, count, percent: percentOf(count, base) };
  });
}

function combinedCells(
  q: QuestionInfo,
  options: Option[],
  counts: Map<string, number>,
  base: number,
  finish: Finish,
): CountCell[] {
  const known = new Set(options.map((o) => o.value));
  return combinedCategories
    .filter((c) => c.question === q.name && c.values.every((v) => known.has(v)))
    .map((c) => {
      const count = c.values.reduce((sum, v) => sum + (counts.get(v) ?? 0), 0);
      return cells(
        [{ value: c.key, label: textOf({ ...c.label }, finish.locale) }],
        new Map([[c.key, count]]),
        base,
      )[0]!;
    });
}

function finishQuestion(q: QuestionInfo, tally: Tally, finish: Finish): QuestionResult {
  const choiceOptions = optionsOf(q);
  const rows: RowResult[] = resultRowsOf(q).map((row) => {
    const r = tally.rows.get(row.value) ?? { base: 0, counts: new Map<string, number>() };
    return {
      value: row.value,
      label: row.label,
      base: r.base,
      columns: cells(row.columns, r.counts, r.base),
      combined: combinedCells(q, row.columns, r.counts, r.base, finish),
    };
  });
  const hasChoices = q.kind === "single" || q.kind === "multiple";
  return {
    name: q.name,
    type: q.type,
    kind: q.kind,
    title: q.title,
    base: tally.base,
    choices: hasChoices ? cells(choiceOptions, tally.counts, tally.base) : [],
    combined: hasChoices ? combinedCells(q, q.choices, tally.counts, tally.base, finish) : [],
    other: tally.other,
    texts: tally.texts,
    rows,
  };
}

/** Whole-sample results from running counters and stored texts (see tallies.ts). */
export function resultsFromTallies(
  questions: QuestionInfo[],
  counters: { question: string; row_key: string; value: string; count: number }[],
  texts: { question: string; kind: string; text: string }[],
  locale: Locale = "ja",
): QuestionResult[] {
  const tallies = new Map(questions.map((q) => [q.name, emptyTally()]));
  for (const c of counters) {
    const tally = tallies.get(c.question);
    if (!tally || !c.count) continue;
    if (c.row_key) {
      let r = tally.rows.get(c.row_key);
      if (!r) tally.rows.set(c.row_key, (r = { base: 0, counts: new Map() }));
      if (c.value === "#base") r.base = c.count;
      else r.counts.set(c.value, c.count);
    } else if (c.value === "#base") tally.base = c.count;
    else tally.counts.set(c.value, c.count);
  }
  for (const t of texts) tallies.get(t.question)?.[t.kind === "other" ? "other" : "texts"].push(t.text);
  return questions.map((q) => finishQuestion(q, tallies.get(q.name)!, { locale }));
}

/** Whole-sample results of every question (whole-sample figures keep their base, however small). */
export function aggregateAnswers(
  questions: QuestionInfo[],
  responses: Iterable<Answers>,
  locale: Locale = "ja",
): { responses: number; questions: QuestionResult[] } {
  const tallies = questions.map(() => emptyTally());
  let total = 0;
  for (const answers of responses) {
    total++;
    for (let i = 0; i < questions.length; i++) addAnswer(questions[i]!, tallies[i]!, answers);
  }
  return { responses: total, questions: questions.map((q, i) => finishQuestion(q, tallies[i]!, { locale })) };
}

export interface CrossTab {
  by: string;
  byTitle: string;
  question: string;
  groups: { value: string; label: string; base: number | null; result: QuestionResult; suppressed?: true }[];
}

const hiddenCell = (c: CountCell): CountCell => ({
  value: c.value,
  label: c.label,
  count: null,
  percent: null,
  suppressed: true,
});

/** A group's figures as a view for sharing shows them: hidden ones have no count and no percent. */
function maskGroup(result: QuestionResult, group: string, mask: BreakdownMask): QuestionResult {
  const baseHidden = mask.base(group);
  // A percent with a hidden base would give the base away (count ÷ percent).
  const show = (c: CountCell, hidden: boolean, withoutBase: boolean) =>
    hidden ? hiddenCell(c) : withoutBase ? { ...c, percent: null } : c;
  return {
    ...result,
    base: baseHidden ? null : result.base,
    choices: result.choices.map((c) => show(c, mask.cell(group, c.value), baseHidden)),
    combined: result.combined.map((c) => show(c, mask.combined(group, c.value), baseHidden)),
    // Free texts could identify a respondent inside a small group; breakdowns leave them out.
    other: [],
    texts: [],
    rows: result.rows.map((row) => {
      const rowHidden = mask.itemBase(group, row.value);
      return {
        ...row,
        base: rowHidden ? null : row.base,
        columns: row.columns.map((c) => show(c, mask.itemCell(group, row.value, c.value), rowHidden)),
        combined: row.combined.map((c) => show(c, mask.itemCombined(group, row.value, c.value), rowHidden)),
        ...(rowHidden ? { suppressed: true as const } : {}),
      };
    }),
    ...(baseHidden ? { suppressed: true as const } : {}),
  };
}

/**
 * One question broken down by the answer to a single-choice question (e.g. Q6 by Q2's size
 * band). With `suppress` (views for sharing), small groups and cells are hidden, and so is every
 * further figure from which a hidden one could be derived (protect-breakdown.ts).
 */
export function crossTabulate(
  questions: QuestionInfo[],
  responses: Iterable<Answers>,
  byName: string,
  questionName: string,
  options: { locale?: Locale; suppress: boolean },
): CrossTab {
  const counted: CountedAnswers[] = [];
  for (const answers of responses) counted.push({ answers, n: 1 });
  return crossTabulateCounted(questions, counted, byName, questionName, options);
}

/** Respondents who gave the same answers, counted once: `n` of them gave `answers`. */
export interface CountedAnswers {
  answers: Answers;
  n: number;
}

/**
 * crossTabulate over counted answers: the same table as over each respondent's answers, from
 * (answers, how many gave them) — the programme's comparison reads counted patterns
 * (answer-patterns.ts) instead of every stored answer set.
 */
export function crossTabulateCounted(
  questions: QuestionInfo[],
  counted: readonly CountedAnswers[],
  byName: string,
  questionName: string,
  options: { locale?: Locale; suppress: boolean },
): CrossTab {
  const by = questions.find((q) => q.name === byName);
  const target = questions.find((q) => q.name === questionName);
  if (!by || !isSingleChoice(by) || !target) throw new Error("crossTabulate: unknown or unsuitable questions");
  const groups = optionsOf(by);
  const tallies = new Map(groups.map((g) => [g.value, { members: 0, tally: emptyTally() }]));
  for (const { answers, n } of counted) {
    const group = tallies.get(String(answers[byName] ?? ""));
    if (!group) continue;
    group.members += n;
    addAnswer(target, group.tally, answers, n);
  }
  const finish = { locale: options.locale ?? "ja" };
  const mask = options.suppress ? protectBreakdown(by, target, counted) : null;
  return {
    by: by.name,
    byTitle: by.title,
    question: target.name,
    groups: groups.map((g) => {
      const { members, tally } = tallies.get(g.value)!;
      const result = finishQuestion(target, tally, finish);
      if (!mask) return { value: g.value, label: g.label, base: members, result };
      const hidden = mask.groupHidden(g.value);
      return {
        value: g.value,
        label: g.label,
        base: hidden ? null : members,
        result: maskGroup(result, g.value, mask),
        ...(hidden ? { suppressed: true as const } : {}),
      };
    }),
  };
}
