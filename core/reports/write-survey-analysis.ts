/**
 * Sentences from figures: section 4.2 of the report ("アンケート調査に対する分析"), written from the
 * survey results in the seed's style. The standard questionnaire (shared/spec/questionnaire.md)
 * has one rule per question — which figures the sentence names and how it phrases them; any other
 * question gets a plain sentence about its largest figures. Percentages always come from counts
 * and the question's own base, rounded once (combined figures such as 100名以下 add counts first).
 * See docs/annual-report.md.
 */
import type { MessageKey, Params, Translate } from "../../i18n/index.ts";
import { usefulOrBetter } from "../surveys/templates/build.ts";
import {
  isMatrix,
  isTextQuestion,
  percentOf,
  type QuestionResult,
  type ResultCell,
  type SurveyResults,
} from "./survey-results.ts";

export interface AnalysisOptions {
  t: Translate;
  /** The region's prefecture as printed (長崎県), for Q10's "長崎県や近隣県で…". */
  regionName?: string;
  /** Names that identify the organiser in free text (NISA, 長崎県情報産業協会), for Q11. */
  organiserNames?: string[];
  /**
   * "有益であった以上" per talk as section 3 states it, from the seminar's own feedback survey. Q16's
   * sentence then states the same figures (one fact, one figure in the report); without it, Q16's own.
   */
  talkFeedback?: { number: number; percent: number | null }[];
}

export interface AnalysisParagraph {
  /** "4.1" … "4.4": the seed's groups (回答者属性, 対策の状況, コミュニティ活動, セミナー). */
  group: AnalysisGroup;
  sentences: AnalysisSentence[];
}

export interface AnalysisSentence {
  question: string;
  text: string;
  /** The form that runs on into the next sentence (Q1's "…に所属しており、"), when there is one. */
  continued?: string;
}

export const analysisGroups = ["profile", "measures", "community", "seminar"] as const;
export type AnalysisGroup = (typeof analysisGroups)[number];

/** "75%", "44.4%", "57.1%": one decimal, none when it is .0. */
export function formatPercent(percent: number): string {
  return `${Number.isInteger(percent) ? percent : percent.toFixed(1)}%`;
}

/**
 * The respondent profile speaks in round figures, as the seed does: "約80%" when the share lies
 * within 1.5 points of a multiple of ten, else the whole percent ("32%"); exact values stay exact.
 */
export function formatApproxPercent(percent: number, t: Translate): string {
  const tens = Math.round(percent / 10) * 10;
  if (percent === tens) return `${tens}%`;
  if (Math.abs(percent - tens) <= 1.5) return t("reports.analysis.about", { percent: `${tens}%` });
  return `${Math.round(percent)}%`;
}

/** q6 → "Q6", q16_attended → "Q16"; names outside the standard template are numbered by position. */
export function questionLabel(name: string, index: number): string {
  const match = /^q(\d+)(?:_|$)/.exec(name);
  return match ? `Q${match[1]}` : `Q${index + 1}`;
}

const ranked = (cells: ResultCell[], exclude: string[] = ["other", "none"]) =>
  cells
    .map((cell, position) => ({ cell, position }))
    .filter(({ cell }) => !exclude.includes(cell.value) && cell.count > 0)
    .sort((a, b) => b.cell.count - a.cell.count || a.position - b.position)
    .map(({ cell }) => cell);

/** One combined figure: the counts added, divided once by the base. */
function combined(q: QuestionResult, values: string[]): number | null {
  const count = q.choices.filter((c) => values.includes(c.value)).reduce((sum, c) => sum + c.count, 0);
  return percentOf(count, q.base);
}

function combinedInRow(row: QuestionResult["rows"][number], values: readonly string[]): number | null {
  const count = row.columns.filter((c) => values.includes(c.value)).reduce((sum, c) => sum + c.count, 0);
  return percentOf(count, row.base);
}

function columnPercent(row: QuestionResult["rows"][number], column: string): number {
  return row.columns.find((c) => c.value === column)?.percent ?? 0;
}

interface RuleContext {
  q: QuestionResult;
  label: string;
  options: AnalysisOptions;
  /** The seed's own wording of a choice or row when it differs from the label. */
  phrase(value: string, fallback: string): string;
  say(key: MessageKey, params?: Params): string;
}

type Rule = { group: AnalysisGroup; write(context: RuleContext): string | { text: string; continued: string } | null };

const pct = (value: number | null) => (value === null ? null : formatPercent(value));

/** The standard questionnaire's rules, by question name. */
const standardRules: Record<string, Rule> = {
  q1: {
    group: "profile",
    write: ({ q, label, say, options }) => {
      const top = ranked(q.choices)[0];
      if (!top || top.percent === null) return null;
      const params = { q: label, percent: formatApproxPercent(top.percent, options.t), choice: top.label };
      return { text: say("reports.analysis.q1", params), continued: say("reports.analysis.q1.continued", params) };
    },
  },
  q2: {
    group: "profile",
    write: ({ q, label, say, options }) => {
      const share = combined(q, ["1-5", "6-20", "21-50", "51-100"]);
      return share === null
        ? null
        : say("reports.analysis.q2", { q: label, percent: formatApproxPercent(share, options.t) });
    },
  },
  q3: {
    group: "profile",
    write: ({ q, label, say, options }) => {
      const top = ranked(q.choices)[0];
      if (!top || top.percent === null) return null;
      return say("reports.analysis.q3", {
        q: label,
        percent: formatApproxPercent(top.percent, options.t),
        choice: top.label,
      });
    },
  },
  q4: {
    group: "profile",
    write: ({ q, label, say, options }) => {
      const share = combined(q, ["critical", "high", "partial"]);
      return share === null
        ? null
        : say("reports.analysis.q4", { q: label, percent: formatApproxPercent(share, options.t) });
    },
  },
  q5: {
    group: "profile",
    write: ({ q, label, say, options }) => {
      const share = combined(q, ["executive"]);
      return share === null
        ? null
        : say("reports.analysis.q5", { q: label, percent: formatApproxPercent(share, options.t) });
    },
  },
  q6: {
    group: "measures",
    // The programme's concern is the supply chain: the sentence sets what companies already do for
    // their own staff (training) against managing their suppliers' security, as the seed does.
    // Other data (training not ahead of supply chain) falls back to the most and least done.
    write: ({ q, label, say }) => {
      const rows = q.rows.filter((r) => r.base > 0);
      if (rows.length < 2) return null;
      const training = rows.find((r) => r.value === "employee-training");
      const supplyChain = rows.find((r) => r.value === "supply-chain");
      const byDone = [...rows].sort((a, b) => columnPercent(b, "done") - columnPercent(a, "done"));
      const [high, low] =
        training && supplyChain && columnPercent(training, "done") > columnPercent(supplyChain, "done")
          ? [training, supplyChain]
          : [byDone[0]!, byDone[byDone.length - 1]!];
      return say("reports.analysis.q6", {
        q: label,
        highPercent: formatPercent(columnPercent(high, "done")),
        high: high.label,
        low: low.label,
        lowPercent: formatPercent(columnPercent(low, "done")),
      });
    },
  },
  q7: {
    group: "measures",
    write: ({ q, label, say }) => twoLeaders(q, say, "reports.analysis.q7", label),
  },
  q8: {
    group: "measures",
    write: ({ q, label, say, phrase }) => {
      const rows = q.rows.filter((r) => r.base > 0);
      if (rows.length === 0) return null;
      const leader = [...rows].sort((a, b) => columnPercent(b, "often") - columnPercent(a, "often"))[0]!;
      const community = rows.find((r) => r.value === "community");
      const params = {
        q: label,
        leader: phrase(`q8.${leader.value}`, leader.label),
        leaderPercent: formatPercent(columnPercent(leader, "often")),
      };
      if (!community || community === leader) return say("reports.analysis.q8.only", params);
      return say("reports.analysis.q8", {
        ...params,
        community: community.label,
        communityPercent: formatPercent(columnPercent(community, "often")),
      });
    },
  },
  q9: {
    group: "measures",
    write: ({ q, label, say }) => twoLeaders(q, say, "reports.analysis.q9", label),
  },
  q10: {
    group: "community",
    write: ({ q, label, say, options, phrase }) => {
      const local = pct(combined(q, ["local"]));
      const never = pct(combined(q, ["never"]));
      if (local === null || never === null) return null;
      const localPhrase = options.regionName
        ? say("reports.analysis.q10.localIn", { region: options.regionName })
        : phrase("q10.local", q.choices.find((c) => c.value === "local")?.label ?? "");
      return say("reports.analysis.q10", { q: label, local: localPhrase, localPercent: local, neverPercent: never });
    },
  },
  q11: {
    group: "community",
    write: ({ q, label, say, options }) => {
      const organiser = options.organiserNames?.find((name) => q.texts.some((text) => text.includes(name)));
      if (organiser) return say("reports.analysis.q11.organiser", { q: label, organiser });
      return q.texts.length > 0 ? say("reports.analysis.texts", { q: label, count: q.texts.length }) : null;
    },
  },
  q12: {
    group: "community",
    write: ({ q, label, say }) => {
      const willing = pct(combined(q, ["definitely", "maybe"]));
      return willing === null ? null : say("reports.analysis.q12", { q: label, percent: willing });
    },
  },
  q13: {
    group: "community",
    write: ({ q, label, say }) => twoLeaders(q, say, "reports.analysis.q13", label),
  },
  q14: {
    group: "community",
    write: ({ q, label, say }) => twoLeaders(q, say, "reports.analysis.q13", label),
  },
  q15: {
    group: "community",
    write: ({ q, label, say, phrase }) => {
      const top = ranked(q.choices)[0];
      if (!top || top.percent === null) return null;
      return say("reports.analysis.q15", {
        q: label,
        wish: phrase(`q15.${top.value}`, say("reports.analysis.q15.wish", { choice: top.label })),
        percent: formatPercent(top.percent),
      });
    },
  },
  q16_attended: { group: "seminar", write: () => null },
  q16: {
    group: "seminar",
    write: ({ q, label, say, options }) => {
      const rated = options.talkFeedback?.some((talk) => talk.percent !== null)
        ? options.talkFeedback
        : q.rows.map((row, index) => ({ number: index + 1, percent: combinedInRow(row, usefulOrBetter) }));
      const talks = rated
        .filter((talk): talk is { number: number; percent: number } => talk.percent !== null)
        .map((talk) => say("reports.analysis.q16.talk", { talk: talk.number, percent: formatPercent(talk.percent) }));
      return talks.length === 0
        ? null
        : say("reports.analysis.q16", { q: label, talks: talks.join(say("reports.analysis.listSeparator")) });
    },
  },
  q17: {
    group: "seminar",
    write: ({ q, label, say, phrase }) => {
      const [first, second] = ranked(q.choices);
      if (!first || first.percent === null) return null;
      const one = { first: phrase(`q17.${first.value}`, first.label), firstPercent: formatPercent(first.percent) };
      if (!second || second.percent === null) return say("reports.analysis.q17.one", { q: label, ...one });
      return say("reports.analysis.q17", {
        q: label,
        ...one,
        second: phrase(`q17.${second.value}`, second.label),
        secondPercent: formatPercent(second.percent),
      });
    },
  },
};

/**
 * The two largest choices (none, その他 and empty choices left out), with `key` naming both; when
 * only one choice has answers, `${key}.one` names it alone.
 */
function twoLeaders(q: QuestionResult, say: RuleContext["say"], key: MessageKey, label: string): string | null {
  const [first, second] = ranked(q.choices);
  if (!first || first.percent === null) return null;
  const params = { q: label, first: first.label, firstPercent: formatPercent(first.percent) };
  if (!second || second.percent === null) return say(`${key}.one` as MessageKey, params);
  return say(key, { ...params, second: second.label, secondPercent: formatPercent(second.percent) });
}

/** Questions outside the standard template: the largest figures, plainly. */
function writeGeneric(context: RuleContext): string | null {
  const { q, label, say } = context;
  if (isTextQuestion(q))
    return q.texts.length > 0 ? say("reports.analysis.texts", { q: label, count: q.texts.length }) : null;
  if (isMatrix(q)) {
    const firstColumn = q.rows[0]?.columns[0];
    const rows = q.rows.filter((r) => r.base > 0);
    if (!firstColumn || rows.length === 0) return null;
    const sorted = [...rows].sort((a, b) => (b.columns[0]?.percent ?? 0) - (a.columns[0]?.percent ?? 0));
    return say("reports.analysis.generic.matrix", {
      q: label,
      column: firstColumn.label,
      high: sorted[0]!.label,
      highPercent: formatPercent(sorted[0]!.columns[0]?.percent ?? 0),
      low: sorted[sorted.length - 1]!.label,
      lowPercent: formatPercent(sorted[sorted.length - 1]!.columns[0]?.percent ?? 0),
    });
  }
  return twoLeaders(q, say, "reports.analysis.generic.choice", label);
}

function groupOf(name: string, index: number, count: number): AnalysisGroup {
  return standardRules[name]?.group ?? analysisGroups[Math.min(3, Math.floor((4 * index) / Math.max(1, count)))]!;
}

/**
 * One sentence per question that has something to say, grouped as the seed groups them. A
 * question nobody was shown (base 0) says so (該当者無し) instead of printing 0 %.
 */
export function writeSurveyAnalysis(results: SurveyResults, options: AnalysisOptions): AnalysisParagraph[] {
  const { t } = options;
  const say = (key: MessageKey, params?: Params) => t(key, params);
  const phrase = (key: string, fallback: string) => {
    const full = `reports.phrase.${key}`;
    const text = t(full as MessageKey);
    return text === full ? fallback : text;
  };
  const paragraphs = new Map<AnalysisGroup, AnalysisParagraph>(
    analysisGroups.map((group) => [group, { group, sentences: [] }]),
  );
  results.questions.forEach((q, index) => {
    const label = questionLabel(q.name, index);
    const rule = standardRules[q.name];
    const context: RuleContext = { q, label, options, phrase, say };
    let written: ReturnType<Rule["write"]>;
    if (q.base === 0 && !isTextQuestion(q) && q.name !== "q16_attended")
      written = say("reports.analysis.nobody", { q: label });
    else written = rule ? rule.write(context) : writeGeneric(context);
    if (!written) return;
    const sentence: AnalysisSentence =
      typeof written === "string" ? { question: q.name, text: written } : { question: q.name, ...written };
    paragraphs.get(groupOf(q.name, index, results.questions.length))!.sentences.push(sentence);
  });
  return [...paragraphs.values()].filter((p) => p.sentences.length > 0);
}

/** The paragraph as printed: the seed runs Q1 into Q2 ("…に所属しており、Q2は…"). */
export function paragraphText(paragraph: AnalysisParagraph): string {
  return paragraph.sentences
    .map((s, i) => (s.continued && i < paragraph.sentences.length - 1 ? s.continued : s.text))
    .join("");
}
