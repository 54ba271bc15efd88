/**
 * The standard questionnaire compared across communities, in the question bank's terms: for each
 * canonical question, which communities asked it (through their surveys' mappings,
 * survey-mapping.ts), and its counts broken down by community. Communities word their
 * questionnaires differently; the mapping is what makes a cell of one comparable with another's.
 *
 * Privacy: the programme office is outside every community's secretariat, so the table is a
 * breakdown for sharing. The pooled answers are counted here and never leave this function; each
 * community is a group of the breakdown by community, so a community (or a cell) under MIN_CELL
 * is hidden, and so is every further figure from which a hidden one could be derived from what is
 * shown plus the programme totals (protect-breakdown.ts; docs/programme.md §Suppression).
 */
import { type CountedAnswers, type CrossTab, crossTabulateCounted } from "../surveys/aggregate-answers.ts";
import type { SurveyPatterns } from "../surveys/answer-patterns.ts";
import { canonicalInfoOf, mappedQuestions } from "../surveys/compute-canonical-results.ts";
import type { Locale, QuestionInfo } from "../surveys/definition.ts";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import { type CanonicalQuestion, questionBank } from "../surveys/question-bank.ts";
import { canonicalAnswers, type QuestionMapping } from "../surveys/survey-mapping.ts";

/**
 * One community's surveys of the fiscal year, as loaded by the use case: each with its questions,
 * mapping, and counted answer patterns of its valid responses (answer-patterns.ts).
 */
export interface CommunityQuestionnaires {
  communityId: string;
  communityName: string;
  surveys: {
    questions: readonly QuestionInfo[];
    mappings: readonly QuestionMapping[];
    patterns: SurveyPatterns;
  }[];
}

export interface QuestionComparison {
  code: string;
  number: string;
  title: string;
  kind: CanonicalQuestion["kind"];
  /** communities (ids) whose surveys asked it, in the order given */
  askedBy: string[];
  /**
   * Why there is no table: `not-asked` by anyone; `own-rows` (Q16: each seminar's own talks are
   * its rows, so communities' rows are different things); `text` (free texts are never compared).
   */
  notComparable?: "not-asked" | "own-rows" | "text";
  /** the breakdown by community (communities that asked it), suppressed for sharing */
  byCommunity: CrossTab | null;
}

/** The synthetic "which community" question the breakdown groups by. */
const BY_COMMUNITY = "#community";

function communityQuestion(communities: readonly CommunityQuestionnaires[], locale: Locale): QuestionInfo {
  return {
    ...canonicalInfoOf(questionBank[0]!, locale, []),
    name: BY_COMMUNITY,
    type: "radiogroup",
    kind: "single",
    title: locale === "ja" ? "コミュニティ" : "Community",
    hasOther: false,
    choices: communities.map((c) => ({ value: c.communityId, label: c.communityName })),
    rows: [],
    columns: [],
  };
}

/**
 * The comparison of every canonical question across `communities`. Answers of several surveys of
 * one community that map to the same canonical question are pooled (the community's responses,
 * not its people: a person who answered two surveys counts twice, as each survey counts them).
 * A community's group is all its valid responses of the year; those that did not answer a
 * question (or answered it in a survey that did not ask it) are its unanswered part. The table is
 * the one the respondents' own answers would give, read from counted patterns (one mapped
 * question of a survey per canonical question: set-survey-mapping.ts).
 */
export function compareQuestionnaires(
  communities: readonly CommunityQuestionnaires[],
  locale: Locale,
): QuestionComparison[] {
  const askedBy = new Map<string, Set<string>>();
  /** canonical code → community → its answers under the code, counted */
  const answered = new Map<string, Map<string, CountedAnswers[]>>();
  const responses = new Map<string, number>();
  for (const community of communities) {
    let total = 0;
    for (const survey of community.surveys) {
      total += survey.patterns.responses;
      for (const one of mappedQuestions(survey.questions, survey.mappings)) {
        const code = one.c.code;
        const set = askedBy.get(code) ?? new Set<string>();
        set.add(community.communityId);
        askedBy.set(code, set);
        const byCommunity = answered.get(code) ?? new Map<string, CountedAnswers[]>();
        answered.set(code, byCommunity);
        const list = byCommunity.get(community.communityId) ?? [];
        byCommunity.set(community.communityId, list);
        for (const { value, n } of survey.patterns.byQuestion.get(one.q.name) ?? []) {
          const canonical = canonicalAnswers({ [one.q.name]: value }, [one])[code];
          if (canonical !== undefined)
            list.push({ answers: { [BY_COMMUNITY]: community.communityId, [code]: canonical }, n });
        }
      }
    }
    responses.set(community.communityId, total);
  }
  return questionBank.map((c): QuestionComparison => {
    const asked = communities.map((x) => x.communityId).filter((id) => askedBy.get(c.code)?.has(id));
    const head = { code: c.code, number: c.number, title: c.title[locale], kind: c.kind, askedBy: asked };
    if (asked.length === 0) return { ...head, notComparable: "not-asked", byCommunity: null };
    if (c.kind === "text" || c.kind === "items" || c.kind === "display")
      return { ...head, notComparable: "text", byCommunity: null };
    if (c.rows === null) return { ...head, notComparable: "own-rows", byCommunity: null };
    const askers = communities.filter((x) => asked.includes(x.communityId));
    const by = communityQuestion(askers, locale);
    const target = canonicalInfoOf(c, locale, []);
    const counted: CountedAnswers[] = [];
    for (const id of asked) {
      const list = answered.get(c.code)?.get(id) ?? [];
      counted.push(...list);
      const unanswered = (responses.get(id) ?? 0) - list.reduce((sum, x) => sum + x.n, 0);
      if (unanswered > 0) counted.push({ answers: { [BY_COMMUNITY]: id }, n: unanswered });
    }
    return {
      ...head,
      byCommunity: crossTabulateCounted([by, target], counted, BY_COMMUNITY, c.code, { locale, suppress: true }),
    };
  });
}

/** Whether a community's group in a comparison shows figures (false: hidden, fewer than MIN_CELL or pooled). */
export function communityShown(table: CrossTab, communityId: string): boolean {
  const group = table.groups.find((g) => g.value === communityId);
  return Boolean(group && !group.suppressed && group.base !== null && group.base >= MIN_CELL);
}
