import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { corporateNumberCheckDigit, isValidCorporateNumber, normaliseCorporateNumber } from "./corporate-number.ts";

describe("法人番号", () => {
  it("accepts real corporate numbers and refuses a changed digit", () => {
    // Published on 国税庁法人番号公表サイト: 国税庁 (7000012050002), トヨタ自動車株式会社 (1180301018771).
    expect(isValidCorporateNumber("7000012050002")).toBe(true);
    expect(isValidCorporateNumber("1180301018771")).toBe(true);
    expect(isValidCorporateNumber("8000012050002")).toBe(false);
    expect(isValidCorporateNumber("118030101877")).toBe(false);
    expect(isValidCorporateNumber("1180301O18771")).toBe(false);
  });

  it("reads full-width digits and hyphens", () => {
    expect(normaliseCorporateNumber("１１８０３０１ー０１８７７１".replace("ー", "-"))).toBe("1180301018771");
  });

  it("every base has exactly one valid check digit", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (base) => {
        const valid = [...Array(10).keys()].filter((d) => isValidCorporateNumber(`${d}${base}`));
        expect(valid).toEqual([corporateNumberCheckDigit(base)]);
      }),
    );
  });
});
