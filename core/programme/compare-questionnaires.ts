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
import { type CrossTab, crossTabulate } from "../surveys/aggregate-answers.ts";
import type { Answers } from "../surveys/check-answers.ts";
import { canonicalInfoOf, mappedQuestions } from "../surveys/compute-canonical-results.ts";
import type { Locale, QuestionInfo } from "../surveys/definition.ts";
import { MIN_CELL } from "../surveys/protect-breakdown.ts";
import { type CanonicalQuestion, questionBank } from "../surveys/question-bank.ts";
import { canonicalAnswers, type QuestionMapping } from "../surveys/survey-mapping.ts";

/** One community's surveys of the fiscal year, as loaded by the use case (answers: valid, complete). */
export interface CommunityQuestionnaires {
  communityId: string;
  communityName: string;
  surveys: {
    questions: readonly QuestionInfo[];
    mappings: readonly QuestionMapping[];
    answers: readonly Answers[];
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
 */
export function compareQuestionnaires(
  communities: readonly CommunityQuestionnaires[],
  locale: Locale,
): QuestionComparison[] {
  const pooled: Answers[] = [];
  const askedBy = new Map<string, Set<string>>();
  for (const community of communities) {
    for (const survey of community.surveys) {
      const mapped = mappedQuestions(survey.questions, survey.mappings);
      for (const { c } of mapped) {
        const set = askedBy.get(c.code) ?? new Set<string>();
        set.add(community.communityId);
        askedBy.set(c.code, set);
      }
      for (const answers of survey.answers) {
        pooled.push({ ...canonicalAnswers(answers, mapped), [BY_COMMUNITY]: community.communityId });
      }
    }
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
    const askedSet = new Set(asked);
    const answers = pooled.filter((a) => askedSet.has(String(a[BY_COMMUNITY])));
    return {
      ...head,
      byCommunity: crossTabulate([by, target], answers, BY_COMMUNITY, c.code, { locale, suppress: true }),
    };
  });
}

/** Whether a community's group in a comparison shows figures (false: hidden, fewer than MIN_CELL or pooled). */
export function communityShown(table: CrossTab, communityId: string): boolean {
  const group = table.groups.find((g) => g.value === communityId);
  return Boolean(group && !group.suppressed && group.base !== null && group.base >= MIN_CELL);
}
