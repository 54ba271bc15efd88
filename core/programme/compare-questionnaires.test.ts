import { describe, expect, it } from "vitest";
import type { Answers } from "../surveys/check-answers.ts";
import { listQuestions, parseDefinition } from "../surveys/definition.ts";
import { nagasakiDemoAnswers } from "../surveys/demo-answers.ts";
import { canonicalResultsOf } from "../surveys/compute-canonical-results.ts";
import { automaticMapping } from "../surveys/survey-mapping.ts";
import { regionalStandardDefinition } from "../surveys/templates/regional-standard.ts";
import { type CommunityQuestionnaires, compareQuestionnaires } from "./compare-questionnaires.ts";

const questions = listQuestions(parseDefinition(regionalStandardDefinition({ talks: [{ id: "t1", title: "講演" }] })));
const mappings = questions.map((q) => automaticMapping("regional-standard", q));
const nagasaki = nagasakiDemoAnswers(["t1", "t2"]);

function community(id: string, answers: Answers[]): CommunityQuestionnaires {
  return { communityId: id, communityName: id, surveys: [{ questions, mappings, answers }] };
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
          surveys: [
            {
              questions: partial,
              mappings: partial.map((q) => automaticMapping("regional-standard", q)),
              answers: nagasaki,
            },
          ],
        },
      ],
      "en",
    );
    expect(rows.find((r) => r.code === "q7")!.askedBy).toEqual(["a"]);
    expect(rows.find((r) => r.code === "q16")!.notComparable).toBe("own-rows");
    expect(rows.find((r) => r.code === "q11")!.notComparable).toBe("text");
    expect(rows.find((r) => r.code === "q16")!.byCommunity).toBeNull();
  });

  it("answers nothing for a bank question nobody asked", () => {
    const rows = compareQuestionnaires([community("a", [])], "ja");
    expect(rows.every((r) => r.byCommunity === null || r.byCommunity.groups.every((g) => g.base === null))).toBe(true);
  });
});
