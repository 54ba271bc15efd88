import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { crossTabulate } from "../surveys/aggregate-answers.ts";
import { countPatterns, surveyPatternsOf } from "../surveys/answer-patterns.ts";
import type { Answers } from "../surveys/check-answers.ts";
import { canonicalInfoOf, mappedQuestions } from "../surveys/compute-canonical-results.ts";
import { listQuestions, parseDefinition, type QuestionInfo } from "../surveys/definition.ts";
import { questionBank } from "../surveys/question-bank.ts";
import { nagasakiDemoAnswers } from "../surveys/demo-answers.ts";
import { canonicalResultsOf } from "../surveys/compute-canonical-results.ts";
import { automaticMapping, canonicalAnswers, type QuestionMapping } from "../surveys/survey-mapping.ts";
import { regionalStandardDefinition } from "../surveys/templates/regional-standard.ts";
import { type CommunityQuestionnaires, compareQuestionnaires } from "./compare-questionnaires.ts";

const questions = listQuestions(parseDefinition(regionalStandardDefinition({ talks: [{ id: "t1", title: "講演" }] })));
const mappings = questions.map((q) => automaticMapping("regional-standard", q));
const nagasaki = nagasakiDemoAnswers(["t1", "t2"]);

/** A survey as the use case loads it: its answers counted into patterns, as the database keeps them. */
function survey(qs: QuestionInfo[], answers: readonly Answers[]) {
  return {
    questions: qs,
    mappings: qs.map((q) => automaticMapping("regional-standard", q)),
    patterns: surveyPatternsOf(countPatterns(qs, answers)),
  };
}

function community(id: string, answers: Answers[]): CommunityQuestionnaires {
  return { communityId: id, communityName: id, surveys: [survey(questions, answers)] };
}

const groupOf = (rows: ReturnType<typeof compareQuestionnaires>, code: string, community: string) =>
  rows.find((r) => r.code === code)!.byCommunity!.groups.find((g) => g.value === community)!;

describe("the questionnaire compared across communities", () => {
  it("counts each community's answers under the canonical codes, with the same figures as its own survey", () => {
    const rows = compareQuestionnaires(
      [community("nagasaki", nagasaki), community("saga", nagasaki.slice(0, 20))],
      "ja",
    );
    const q1 = rows.find((r) => r.code === "q1")!;
    expect(q1.askedBy).toEqual(["nagasaki", "saga"]);
    const own = canonicalResultsOf(questions, mappings, nagasaki, { locale: "ja", suppress: false });
    for (const code of ["q1", "q5", "q7", "q17"]) {
      const mine = own.questions.find((q) => q.code === code)!;
      const group = groupOf(rows, code, "nagasaki");
      expect(group.base).toBe(nagasaki.length);
      // A multiple choice's base is shown; a single choice's may be hidden with its small cells.
      expect(group.result.base).toBe(code === "q7" || code === "q17" ? mine.base : (group.result.base ?? null));
      if (group.result.base !== null) expect(group.result.base).toBe(mine.base);
      // Small cells are hidden (and partners of them); where the cells add up to the base, so are enough others.
      if (code !== "q1") expect(group.result.choices.some((c) => !c.suppressed)).toBe(true);
      for (const cell of group.result.choices) {
        const count = mine.choices.find((c) => c.value === cell.value)!.count;
        expect(cell.count).toBe(cell.suppressed ? null : count);
      }
    }
  });

  it("hides a community under 5 respondents, and a second one so that the first cannot be derived from totals", () => {
    const rows = compareQuestionnaires(
      [
        community("a", nagasaki.slice(0, 20)),
        community("b", nagasaki.slice(0, 12)),
        community("c", nagasaki.slice(0, 3)),
      ],
      "ja",
    );
    const q1 = rows.find((r) => r.code === "q1")!.byCommunity!;
    const small = q1.groups.find((g) => g.value === "c")!;
    expect(small.base).toBeNull();
    expect(small.result.choices.every((c) => c.count === null)).toBe(true);
    // With the programme total public, one hidden community would be total − the others: a partner hides too.
    const hiddenGroups = q1.groups.filter((g) => g.suppressed);
    expect(hiddenGroups.length).toBeGreaterThanOrEqual(2);
  });

  it("says which communities asked what, and does not compare each seminar's own talks or free texts", () => {
    const partial = questions.filter((q) => q.name !== "q7");
    const rows = compareQuestionnaires(
      [
        community("a", nagasaki),
        {
          communityId: "b",
          communityName: "b",
          surveys: [survey(partial, nagasaki)],
        },
      ],
      "en",
    );
    expect(rows.find((r) => r.code === "q7")!.askedBy).toEqual(["a"]);
    expect(rows.find((r) => r.code === "q16")!.notComparable).toBe("own-rows");
    expect(rows.find((r) => r.code === "q11")!.notComparable).toBe("text");
    expect(rows.find((r) => r.code === "q16")!.byCommunity).toBeNull();
  });

  it("shows a wide comparison (sixty communities) where the audit proves its figures safe; a wide matrix stays hidden", () => {
    // Sixty communities of 60 respondents, each the seed's 28 answer sets over again (a few small cells).
    const sixty = Array.from({ length: 60 }, (_, i) =>
      community(
        `c${String(i).padStart(2, "0")}`,
        Array.from({ length: 60 }, (_, k) => nagasaki[(i + k) % nagasaki.length]!),
      ),
    );
    const rows = compareQuestionnaires(sixty, "ja");
    const counts = (code: string) =>
      rows.find((r) => r.code === code)!.byCommunity!.groups.flatMap((g) => g.result.choices.map((c) => c.count));
    // Before, any table of more than 300 counts showed nothing; Q4 (sixty × its answers) now shows
    // most of its cells, hidden ones among them.
    const q4 = counts("q4");
    expect(q4.filter((c) => c !== null).length).toBeGreaterThan(q4.length / 2);
    // Q6, a matrix of sixty communities × items × answers, is still hidden whole (docs/programme.md).
    const q6 = rows.find((r) => r.code === "q6")!.byCommunity!;
    expect(q6.groups.every((g) => g.result.rows.every((row) => row.columns.every((c) => c.count === null)))).toBe(true);
  });

  it("answers nothing for a bank question nobody asked", () => {
    const rows = compareQuestionnaires([community("a", [])], "ja");
    expect(rows.every((r) => r.byCommunity === null || r.byCommunity.groups.every((g) => g.base === null))).toBe(true);
  });
});

/**
 * The comparison's definition, over every respondent's own answers: each answer set mapped to the
 * question bank and tagged with its community, all pooled, and broken down by community.
 */
function referenceComparison(communities: { id: string; surveys: { qs: QuestionInfo[]; answers: Answers[] }[] }[]) {
  const pooled: Answers[] = [];
  const asked = new Map<string, string[]>();
  for (const c of communities) {
    for (const s of c.surveys) {
      const mapped = mappedQuestions(
        s.qs,
        s.qs.map((q): QuestionMapping => automaticMapping("regional-standard", q)),
      );
      for (const { c: bank } of mapped) asked.set(bank.code, [...new Set([...(asked.get(bank.code) ?? []), c.id])]);
      for (const a of s.answers) pooled.push({ ...canonicalAnswers(a, mapped), "#community": c.id });
    }
  }
  return questionBank.flatMap((bank) => {
    const askers = communities.map((c) => c.id).filter((id) => asked.get(bank.code)?.includes(id));
    if (!askers.length || bank.rows === null || !["single", "multiple", "grid"].includes(bank.kind)) return [];
    const by: QuestionInfo = {
      ...canonicalInfoOf(questionBank[0]!, "ja", []),
      name: "#community",
      type: "radiogroup",
      kind: "single",
      title: "コミュニティ",
      hasOther: false,
      choices: askers.map((id) => ({ value: id, label: id })),
      rows: [],
      columns: [],
    };
    const answers = pooled.filter((a) => askers.includes(String(a["#community"])));
    const table = crossTabulate([by, canonicalInfoOf(bank, "ja", [])], answers, "#community", bank.code, {
      locale: "ja",
      suppress: true,
    });
    return [{ code: bank.code, table }];
  });
}

describe("the comparison read from counted patterns", () => {
  it("is the table the respondents' own answers give, hidden cells and all (any communities, any answers)", () => {
    const withoutQ7 = questions.filter((q) => q.name !== "q7" && q.name !== "q2");
    const answerSet = fc.constantFrom(...nagasaki);
    const oneCommunity = fc.record({
      answers: fc.array(answerSet, { maxLength: 40 }),
      second: fc.array(answerSet, { maxLength: 12 }),
      partial: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(oneCommunity, { minLength: 1, maxLength: 4 }), (generated) => {
        const input = generated.map((g, i) => ({
          id: `c${i}`,
          surveys: [
            { qs: questions, answers: g.answers },
            // a second survey of the year, some asking fewer questions: its responses are the community's too
            ...(g.second.length ? [{ qs: g.partial ? withoutQ7 : questions, answers: g.second }] : []),
          ],
        }));
        const rows = compareQuestionnaires(
          input.map((c) => ({
            communityId: c.id,
            communityName: c.id,
            surveys: c.surveys.map((s) => survey(s.qs, s.answers)),
          })),
          "ja",
        );
        for (const { code, table } of referenceComparison(input)) {
          expect(rows.find((r) => r.code === code)!.byCommunity).toEqual(table);
        }
      }),
      { numRuns: 15 },
    );
  });
});
