import { describe, expect, it } from "vitest";
import { createTranslate } from "../../i18n/index.ts";
import { seedSurveyResults } from "../../tests/fixtures/survey-results.ts";
import { percentOf, type SurveyResults } from "./survey-results.ts";
import { formatApproxPercent, formatPercent, paragraphText, writeSurveyAnalysis } from "./write-survey-analysis.ts";

const t = createTranslate("ja");
const options = { t, regionName: "長崎県", organiserNames: ["NISA", "長崎県情報産業協会"] };

function sentencesByQuestion(results: SurveyResults = seedSurveyResults) {
  const paragraphs = writeSurveyAnalysis(results, options);
  return {
    paragraphs,
    byQuestion: new Map(paragraphs.flatMap((p) => p.sentences.map((s) => [s.question, s.text] as const))),
  };
}

describe("sentences from the seed's figures (report section 4.2)", () => {
  const { paragraphs, byQuestion } = sentencesByQuestion();

  it("writes the respondent profile as the seed does, Q1 running into Q2", () => {
    const profile = paragraphs.find((p) => p.group === "profile")!;
    expect(paragraphText(profile)).toBe(
      "Q1は、約80%が情報通信業に所属しており、Q2は、約60%が従業員100名以下の中小企業であった。" +
        "Q3は、約90%が本社を長崎県内に置く企業であった。Q4は、100%がインターネットに依存していた。" +
        "Q5は、32%が経営層からの回答であった。",
    );
  });

  it("Q6 sets staff training against supply-chain management (the seed's conclusion is the secretariat's own)", () => {
    expect(byQuestion.get("q6")).toBe(
      "Q6は、75%の会社が従業員を対象としたサイバーセキュリティ教育を実施していたが、サプライチェーンにおけるセキュリティ対策の管理は25%と低かった。",
    );
  });

  it("Q7 is counted on its own base of 27, not on all 28", () => {
    expect(seedSurveyResults.questions.find((q) => q.name === "q7")!.base).toBe(27);
    expect(byQuestion.get("q7")).toBe(
      "Q7は、対策を実施することになったきっかけが経営層からの指示が44.4%で、取引先からの要請が40.7%であった。",
    );
  });

  it("Q8 and Q9 as in the seed", () => {
    expect(byQuestion.get("q8")).toBe(
      "Q8は、サイバーセキュリティ対策に関する情報源として良く利用しているのは、公的機関のWEBサイトから入手が50%と最も多く、サイバーセキュリティ関連のコミュニティや勉強会が17.9%であった。",
    );
    expect(byQuestion.get("q9")).toBe(
      "Q9は、懸念事項として、インシデントが発生した場合に適切に対応できない恐れがあるとの答えが53.6%であった。また適切に監視ができていないとの答えが42.9%であった。",
    );
  });

  it("Q10 and Q11: local activities, the organiser's study group, and those who never joined", () => {
    expect(byQuestion.get("q10")).toBe(
      "Q10は、長崎県や近隣県で開催されるコミュニティ活動や勉強会に参加したことがあるとの答えが57.1%であった。一方、参加したことがないとの答えが25%であった。",
    );
    expect(byQuestion.get("q11")).toBe("Q11は、参加の中にはNISA主催の勉強会も含まれていた。");
  });

  it("Q12 is the exact 57.1% (4 of 7), not the seed's 57.2% sum of two rounded 28.6% figures", () => {
    expect(byQuestion.get("q12")).toBe("Q12は、参加したい、参加を検討したいとの答えが57.1%であった。");
    expect(percentOf(2, 7)! + percentOf(2, 7)!).toBeCloseTo(57.2);
  });

  it("Q13 on its base of 4; Q14, asked of nobody, says 該当者無し rather than 0%", () => {
    expect(byQuestion.get("q13")).toBe(
      "Q13は、参加したいテーマの勉強会やコミュニティ活動がなかったとの答えが50%であった。また参加する時間が確保できなかったとの答えが25%であった。",
    );
    expect(byQuestion.get("q14")).toBe("Q14は、該当者無しであった。");
  });

  it("Q15, Q16 (有益であった以上 per talk) and Q17 as in the seed", () => {
    expect(byQuestion.get("q15")).toBe(
      "Q15は、業種や企業規模に応じたセキュリティ対策の考えの知識を得たいとの答えが71.4%であった。",
    );
    expect(byQuestion.get("q16")).toBe(
      "Q16は、セミナーに参加して有益だったとの答えが講演1が84.3%、講演2が90%であった。",
    );
    expect(byQuestion.get("q17")).toBe(
      "Q17は、聞いてみたいテーマとして、サイバーセキュリティに関する最新の脅威の動向が75%、働き方に応じたセキュリティ対策が71.4%であった。",
    );
    expect(byQuestion.has("q16_attended")).toBe(false);
  });

  it("groups the sentences as the seed's four paragraphs", () => {
    expect(paragraphs.map((p) => p.group)).toEqual(["profile", "measures", "community", "seminar"]);
  });
});

describe("figures follow the counts, not the seed", () => {
  it("Q6 falls back to the most and least implemented measure when training is not ahead", () => {
    const changed: SurveyResults = {
      ...seedSurveyResults,
      questions: seedSurveyResults.questions.map((q) =>
        q.name !== "q6"
          ? q
          : {
              ...q,
              rows: q.rows.map((r) =>
                r.value !== "employee-training"
                  ? r
                  : { ...r, columns: r.columns.map((c) => ({ ...c, percent: c.value === "done" ? 10 : c.percent })) },
              ),
            },
      ),
    };
    expect(sentencesByQuestion(changed).byQuestion.get("q6")).toBe(
      "Q6は、71.4%の会社がアクセス制御（ID・パスワード管理）を実施していたが、従業員を対象としたサイバーセキュリティ教育は10%と低かった。",
    );
  });

  it("a different leader changes the sentence", () => {
    const changed: SurveyResults = {
      ...seedSurveyResults,
      questions: seedSurveyResults.questions.map((q) =>
        q.name !== "q9"
          ? q
          : {
              ...q,
              choices: q.choices.map((c) =>
                c.value === "budget" ? { ...c, count: 20, percent: percentOf(20, 28) } : c,
              ),
            },
      ),
    };
    expect(sentencesByQuestion(changed).byQuestion.get("q9")).toBe(
      "Q9は、懸念事項として、予算・人材が不足しているとの答えが71.4%であった。またインシデントが発生した場合に適切に対応できない恐れがあるとの答えが53.6%であった。",
    );
  });

  it("questions outside the standard template get a plain sentence about their largest figures", () => {
    const { byQuestion } = sentencesByQuestion({
      responses: 10,
      questions: [
        {
          name: "favourite",
          type: "radiogroup",
          title: "好きな対策",
          base: 10,
          other: [],
          texts: [],
          rows: [],
          choices: [
            { value: "a", label: "バックアップ", count: 3, percent: 30 },
            { value: "b", label: "教育", count: 7, percent: 70 },
          ],
        },
      ],
    });
    expect(byQuestion.get("favourite")).toBe("Q1は、「教育」が70%と最も多く、次いで「バックアップ」が30%であった。");
  });

  it("formats percentages with one decimal only when needed, and the profile's round figures", () => {
    expect(formatPercent(75)).toBe("75%");
    expect(formatPercent(44.4)).toBe("44.4%");
    expect(formatApproxPercent(78.6, t)).toBe("約80%");
    expect(formatApproxPercent(32.1, t)).toBe("32%");
    expect(formatApproxPercent(100, t)).toBe("100%");
  });
});
