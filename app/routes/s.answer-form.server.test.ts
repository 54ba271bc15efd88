import { describe, expect, it } from "vitest";
import { resumeCookie, wellFormedSurveyId } from "./s.answer-form.server.ts";

describe("the resume cookie", () => {
  it("is made only for a path that can name a survey (found by the fuzz test, FUZZ_SEED=928756099: /s/✓ gave a 500)", () => {
    expect(wellFormedSurveyId("01m8vfmpfd69pkp1z7pcstv5pv")).toBe(true);
    for (const id of ["✓", "a b", "x;y", "", "../s"]) expect(wellFormedSurveyId(id), id).toBe(false);
    expect(resumeCookie("01m8vfmpfd69pkp1z7pcstv5pv", "s".repeat(24), true)).toMatch(
      /^chiiki_sr_01m8vfmpfd69pkp1z7pcstv5pv=s{24}; Path=\/s\/01m8vfmpfd69pkp1z7pcstv5pv; HttpOnly; SameSite=Lax; Secure/,
    );
    expect(() => resumeCookie("✓", "s".repeat(24), true)).toThrow();
  });
});
