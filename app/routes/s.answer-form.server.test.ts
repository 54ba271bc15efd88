import { parseSetCookie } from "cookie";
import { describe, expect, it } from "vitest";
import { readResumeSecret, resumeCookie, wellFormedSurveyId } from "./s.answer-form.server.ts";

describe("the resume cookie", () => {
  it("is made only for a path that can name a survey (found by the fuzz test, FUZZ_SEED=928756099: /s/✓ gave a 500)", () => {
    expect(wellFormedSurveyId("01m8vfmpfd69pkp1z7pcstv5pv")).toBe(true);
    for (const id of ["✓", "a b", "x;y", "", "../s"]) expect(wellFormedSurveyId(id), id).toBe(false);
    expect(parseSetCookie(resumeCookie("01m8vfmpfd69pkp1z7pcstv5pv", "s".repeat(24), true))).toEqual({
      name: "chiiki_sr_01m8vfmpfd69pkp1z7pcstv5pv",
      value: "s".repeat(24),
      path: "/s/01m8vfmpfd69pkp1z7pcstv5pv",
      maxAge: 60 * 60 * 24 * 60,
      httpOnly: true,
      sameSite: "lax",
      secure: true,
    });
    expect(parseSetCookie(resumeCookie("01m8vfmpfd69pkp1z7pcstv5pv", null, false))).toMatchObject({
      value: "",
      maxAge: 0,
    });
    expect(() => resumeCookie("✓", "s".repeat(24), true)).toThrow();
  });
});

describe("reading the resume cookie", () => {
  const id = "01m8vfmpfd69pkp1z7pcstv5pv";
  const read = (cookie: string) => readResumeSecret(new Request("http://chiiki.test/s/x", { headers: { cookie } }), id);

  it("finds the secret among other cookies", () => {
    expect(read(`a=1; chiiki_sr_${id}=${"s".repeat(24)}; b=%`)).toBe("s".repeat(24));
  });

  it("treats a malformed header or value as no cookie, never as an error", () => {
    for (const cookie of [
      "%",
      ";;;",
      "=",
      `chiiki_sr_${id}=%E0%A4%A`,
      `chiiki_sr_${id}=%ZZ${"s".repeat(24)}`,
      `chiiki_sr_${id}="unterminated`,
      `${`chiiki_sr_${id}=${"s".repeat(24)};`.repeat(3)}\u00ff\u00fe`,
      `chiiki_sr_${id}=<script>`,
    ]) {
      expect(() => read(cookie), cookie).not.toThrow();
      expect(read(cookie) === undefined || read(cookie) === "s".repeat(24), cookie).toBe(true);
    }
  });
});
