import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translate } from "../../i18n/index.ts";
import { emailAddress, parseInput, wholeNumber } from "./validation.ts";

function fieldsOf(schema: z.ZodType, input: unknown) {
  try {
    parseInput(schema, input);
  } catch (error) {
    return (error as { fields: { field: string; code: string; params?: Record<string, number> }[] }).fields;
  }
  throw new Error("parsed");
}

describe("field messages say what kind of bound was crossed", () => {
  it("a number's bound is a value, a text's a length, a list's a count", () => {
    const schema = z.object({
      capacity: z.number().int().max(100000),
      note: z.string().max(3),
      tags: z.array(z.string()).max(1),
    });
    const fields = fieldsOf(schema, { capacity: 100001, note: "長すぎる", tags: ["a", "b"] });
    expect(fields).toEqual([
      { field: "capacity", code: "number-too-big", params: { max: 100000 } },
      { field: "note", code: "too-long", params: { max: 3 } },
      { field: "tags", code: "too-many", params: { max: 1 } },
    ]);
    expect(translate("ja", "field.number-too-big", { max: 100000 })).toBe("100000以下の数を入力してください。");
    expect(fieldsOf(z.object({ n: z.number().min(0) }), { n: -1 })).toEqual([
      { field: "n", code: "number-too-small", params: { min: 0 } },
    ]);
  });
});

describe("what people type is read as they meant it", () => {
  it("a whole number: full-width digits and separators are read; empty is required, never 0; text is no number", () => {
    const schema = z.object({ capacity: wholeNumber({ min: 0, max: 100_000 }) });
    expect(parseInput(schema, { capacity: "１５" })).toEqual({ capacity: 15 });
    expect(parseInput(schema, { capacity: "1,000" })).toEqual({ capacity: 1000 });
    expect(parseInput(schema, { capacity: 30 })).toEqual({ capacity: 30 });
    expect(fieldsOf(schema, { capacity: "" })).toEqual([{ field: "capacity", code: "required" }]);
    expect(fieldsOf(schema, {})).toEqual([{ field: "capacity", code: "required" }]);
    expect(fieldsOf(schema, { capacity: "三十" })).toEqual([{ field: "capacity", code: "number" }]);
    expect(fieldsOf(schema, { capacity: "1.5" })).toEqual([{ field: "capacity", code: "whole-number" }]);
    expect(fieldsOf(schema, { capacity: "-1" })).toEqual([
      { field: "capacity", code: "number-too-small", params: { min: 0 } },
    ]);
    // Optional means "not given": an empty field still says it is empty rather than changing nothing silently.
    expect(fieldsOf(z.object({ capacity: wholeNumber().optional() }), { capacity: "" })).toEqual([
      { field: "capacity", code: "required" },
    ]);
  });

  it("an e-mail address typed in full width, with spaces and capitals, is one address", () => {
    const schema = z.object({ email: emailAddress() });
    expect(parseInput(schema, { email: " Ｔａｒｏ＠Ｅｘａｍｐｌｅ．ｊｐ " })).toEqual({ email: "taro@example.jp" });
    expect(fieldsOf(schema, { email: "taro@" })).toEqual([{ field: "email", code: "email" }]);
  });
});

describe("a character no database stores", () => {
  it("refuses U+0000 anywhere in the input, naming the field, before any query", () => {
    const schema = z.object({ title: z.string(), items: z.array(z.object({ note: z.string() })) });
    expect(fieldsOf(schema, { title: "ok", items: [{ note: "a\u0000b" }] })).toEqual([
      { field: "items.0.note", code: "nul-character" },
    ]);
  });
});
