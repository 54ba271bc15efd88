import { describe, expect, it } from "vitest";
import { phraseLines } from "./phrase-lines.ts";

/** One unit per character: a line of `width` characters. */
const byCharacters = (text: string) => [...text].length;

describe("phraseLines", () => {
  it("breaks a heading between phrases, never inside a word", () => {
    const heading = "3 長崎地域におけるサイバーセキュリティに関連するセミナーの開催";
    const lines = phraseLines(heading, 28, byCharacters);
    expect(lines.join("")).toBe(heading);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(byCharacters(line)).toBeLessThanOrEqual(28);
    // The break the typesetter made before: 開 at the end of a line, 催 at the start of the next.
    expect(lines.some((line) => line.endsWith("開"))).toBe(false);
    expect(lines.some((line) => line.startsWith("会議"))).toBe(false);
  });

  it("keeps the bracketed part of a heading whole", () => {
    const lines = phraseLines(
      "2.4 長崎県の地域情報セキュリティに関する取り組みと活動推進について（関係者会議）",
      36,
      byCharacters,
    );
    expect(lines.at(-1)).toMatch(/（関係者会議）$/);
    expect(lines.some((line) => line.endsWith("関係者"))).toBe(false);
  });

  it("leaves a heading that fits on one line", () => {
    expect(phraseLines("4.3 アンケート調査に対する分析", 40, byCharacters)).toEqual(["4.3 アンケート調査に対する分析"]);
  });
});
