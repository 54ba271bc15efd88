import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { canonicalResultsOf, suppressSmallCells } from "./compute-canonical-results.ts";
import { listQuestions, parseDefinition } from "./definition.ts";
import { questionBank } from "./question-bank.ts";
import { automaticMapping } from "./survey-mapping.ts";
import { regionalStandardDefinition } from "./templates/regional-standard.ts";
import { regionalStandardNames } from "../../tests/fixtures/surveys.ts";

/** The codes as shared/spec/questionnaire.md lists them (read from the spec, not copied here). */
function specChoiceCodes(name: string): string[] {
  const spec = readFileSync(path.resolve(import.meta.dirname, "../../../../shared/spec/questionnaire.md"), "utf8");
  const line = spec.split(/\n\s*\n/).find((p) => p.startsWith(`${name}: `) || p.startsWith(`${name} (`));
  return [...(line ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}
const specExists = (() => {
  try {
    readFileSync(path.resolve(import.meta.dirname, "../../../../shared/spec/questionnaire.md"));
    return true;
  } catch {
    return false;
  }
})();

describe("the question bank", () => {
  it("starts with Q1–Q17 under the template's names and numbers", () => {
    expect(questionBank.map((q) => q.code)).toEqual(regionalStandardNames);
    expect(questionBank.map((q) => q.number)).toEqual([
      "Q1",
      "Q2",
      "Q3",
      "Q4",
      "Q5",
      "Q6",
      "Q7",
      "Q8",
      "Q9",
      "Q10",
      "Q11",
      "Q12",
      "Q13",
      "Q14",
      "Q15",
      "Q16",
      "Q16",
      "Q17",
    ]);
    const q1 = questionBank[0]!;
    expect(q1.title.ja).toBe("所属している組織の業種として、最も近いものを1つ選択してください。");
    expect(q1.choices.at(-1)).toEqual({ code: "other", label: { ja: "その他", en: "Other" } });
    expect(q1.choices.find((c) => c.code === "ict")!.label).toEqual({
      ja: "情報通信業",
      en: "Information and communications",
    });
    expect(questionBank.find((q) => q.code === "q6")!.columns.map((c) => c.code)).toEqual([
      "done",
      "partly",
      "not-done",
      "unknown",
    ]);
    // Q16's rows are each seminar's talks: the survey's own, never canonical.
    expect(questionBank.find((q) => q.code === "q16")!.rows).toBeNull();
    expect(questionBank.find((q) => q.code === "q3")!.choices).toHaveLength(48);
  });

  it.skipIf(!specExists)("has exactly the spec's choice codes", () => {
    for (const name of ["q1", "q2", "q4", "q5", "q7", "q9", "q10", "q12", "q13", "q14", "q15", "q17"]) {
      const q = questionBank.find((x) => x.code === name)!;
      const codes = q.choices.map((c) => c.code).filter((c) => c !== "other");
      expect(codes, name).toEqual(specChoiceCodes(name));
    }
  });

  it("maps a template survey's questions to themselves", () => {
    const talks = [{ id: "t1", title: "講演1" }];
    const questions = listQuestions(parseDefinition(regionalStandardDefinition({ talks })));
    const mappings = questions.map((q) => automaticMapping("regional-standard", q));
    expect(mappings.map((m) => m.canonical)).toEqual(questions.map((q) => q.name));
    expect(mappings.find((m) => m.question === "q16")!.rows).toEqual({ t1: "t1" });
    // Without a template the same names are just names.
    expect(questions.map((q) => automaticMapping(null, q).canonical).every((c) => c === null)).toBe(true);
  });
});

describe("small cells outside the secretariat", () => {
  const questions = listQuestions(parseDefinition(regionalStandardDefinition()));
  const mappings = questions.map((q) => automaticMapping("regional-standard", q));
  const answers = [
    ...Array.from({ length: 7 }, () => ({ q4: "critical", q9: ["awareness"] })),
    { q4: "high", q9: ["budget", "awareness"] },
  ];
  const results = (suppress: boolean) =>
    canonicalResultsOf(questions, mappings, answers, { locale: "ja", suppress }).questions;

  it("hides a small single-choice cell and the next smallest with it, so neither can be derived from the base", () => {
    const q4 = results(true).find((q) => q.code === "q4")!;
    expect(q4.base).toBe(8);
    expect(q4.choices.find((c) => c.value === "high")).toMatchObject({ count: null, suppressed: true });
    expect(q4.choices.find((c) => c.value === "critical")).toMatchObject({ count: null, suppressed: true });
    const open = results(false).find((q) => q.code === "q4")!;
    expect(open.choices.find((c) => c.value === "high")!.count).toBe(1);
  });

  it("hides a multiple choice's small cells alone and a small question whole", () => {
    const q9 = results(true).find((q) => q.code === "q9")!;
    expect(q9.choices.find((c) => c.value === "awareness")!.count).toBe(8);
    expect(q9.choices.find((c) => c.value === "budget")).toMatchObject({ count: null });
    const small = suppressSmallCells({ ...results(false).find((q) => q.code === "q9")!, base: 4 });
    expect(small).toMatchObject({ base: null, suppressed: true });
    expect(small.choices.every((c) => c.count === null)).toBe(true);
  });
});
