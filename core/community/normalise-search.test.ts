import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseSearch, searchTextOf } from "./normalise-search.ts";

const FULL = [
  ..."アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
];
const HALF = [..."ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ"].concat(
  [..."ｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ"].map((c) => `${c}ﾞ`),
  [..."ﾊﾋﾌﾍﾎ"].map((c) => `${c}ﾟ`),
);
const toHiragana = (s: string) => s.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
/** One word as [full-width katakana, half-width katakana, hiragana]. */
const kanaWord = fc
  .array(fc.integer({ min: 0, max: FULL.length - 1 }), { minLength: 1, maxLength: 12 })
  .map((indexes) => {
    const katakana = indexes.map((i) => FULL[i]).join("");
    return { katakana, halfWidth: indexes.map((i) => HALF[i]).join(""), hiragana: toHiragana(katakana) };
  });

describe("normaliseSearch", () => {
  it("finds 長崎県警察本部 by its reading typed in hiragana, katakana or half-width katakana", () => {
    const stored = searchTextOf(["長崎県警察本部", "ながさきけんけいさつほんぶ"]);
    for (const query of ["けいさつ", "ケイサツ", "ｹｲｻﾂ", "警察", " 長崎 県 "]) {
      expect(stored.includes(normaliseSearch(query)), query).toBe(true);
    }
    expect(stored.includes(normaliseSearch("大学"))).toBe(false);
  });

  it("folds full-width Latin and case: ＮＴＴ西日本 = ntt西日本", () => {
    expect(normaliseSearch("ＮＴＴ 西日本")).toBe("ntt西日本");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.string(), (s) => normaliseSearch(normaliseSearch(s)) === normaliseSearch(s)));
  });

  it("makes hiragana, katakana and half-width katakana of the same word equal", () => {
    fc.assert(
      fc.property(
        kanaWord,
        ({ katakana, halfWidth, hiragana }) =>
          normaliseSearch(hiragana) === normaliseSearch(katakana) &&
          normaliseSearch(halfWidth) === normaliseSearch(hiragana),
      ),
    );
  });

  it("makes full-width and half-width ASCII equal, whatever the spacing", () => {
    const toFullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(..."abcXYZ019-_ .") }),
        (s) => normaliseSearch(toFullWidth(s)) === normaliseSearch(s),
      ),
    );
  });
});
