import { describe, expect, it } from "vitest";
import { z } from "zod";
import { translate } from "../../i18n/index.ts";
import { parseInput } from "./validation.ts";

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
    const schema = z.object({ capacity: z.number().int().max(100000), note: z.string().max(3), tags: z.array(z.string()).max(1) });
    const fields = fieldsOf(schema, { capacity: 100001, note: "長すぎる", tags: ["a", "b"] });
    expect(fields).toEqual([
      { field: "capacity", code: "number-too-big", params: { max: 100000 } },
      { field: "note", code: "too-long", params: { max: 3 } },
      { field: "tags", code: "too-many", params: { max: 1 } },
    ]);
    expect(translate("ja", "field.number-too-big", { max: 100000 })).toBe("100000以下の数を入力してください。");
    expect(fieldsOf(z.object({ n: z.number().min(0) }), { n: -1 })).toEqual([{ field: "n", code: "number-too-small", params: { min: 0 } }]);
  });
});
