import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/index.ts";
import { parseInput } from "../shared/validation.ts";
import { mailingInputSchema } from "./mailing-input.ts";

describe("a mailing's merge fields", () => {
  it("refuses a {field} that does not exist, naming it and the valid ones", () => {
    let fields: { field: string; code: string; params?: Record<string, string> }[] = [];
    try {
      parseInput(mailingInputSchema, {
        subject: "{nmae} 様へのご案内",
        bodyTemplate: "{name} 様\n{org} のみなさま",
        audience: { kind: "all-members" },
      });
    } catch (error) {
      fields = (error as { fields: typeof fields }).fields;
    }
    expect(fields).toEqual([
      {
        field: "subject",
        code: "mailings-unknown-merge-field",
        params: { fields: "{nmae}", valid: "{name}, {organisation}" },
      },
      {
        field: "bodyTemplate",
        code: "mailings-unknown-merge-field",
        params: { fields: "{org}", valid: "{name}, {organisation}" },
      },
    ]);
    expect(translate("ja", "field.mailings-unknown-merge-field", fields[0]!.params)).toBe(
      "使えない差し込み項目があります: {nmae}。使える項目は {name}, {organisation} です。",
    );
  });

  it("checks the English version the same way, and wants its subject and body together", () => {
    const fieldsOf = (input: Record<string, unknown>) => {
      try {
        parseInput(mailingInputSchema, {
          subject: "ご案内",
          bodyTemplate: "{name} 様",
          audience: { kind: "all-members" },
          ...input,
        });
      } catch (error) {
        return (error as { fields: { field: string; code: string; params?: Record<string, string> }[] }).fields;
      }
      return [];
    };
    expect(fieldsOf({ subjectEn: "News for {organisation}", bodyTemplateEn: "Dear {nmae}," })).toEqual([
      {
        field: "bodyTemplateEn",
        code: "mailings-unknown-merge-field",
        params: { fields: "{nmae}", valid: "{name}, {organisation}" },
      },
    ]);
    expect(
      translate(
        "en",
        "field.mailings-unknown-merge-field",
        fieldsOf({ subjectEn: "{Name}", bodyTemplateEn: "x" })[0]!.params,
      ),
    ).toBe("Unknown merge field: {Name}. The merge fields are {name}, {organisation}.");
    expect(fieldsOf({ bodyTemplateEn: "Dear {name}," })).toEqual([{ field: "subjectEn", code: "required" }]);
    expect(fieldsOf({ subjectEn: "News" })).toEqual([{ field: "bodyTemplateEn", code: "required" }]);
    const parsed = parseInput(mailingInputSchema, {
      subject: "ご案内",
      bodyTemplate: "{name} 様",
      subjectEn: "  ",
      bodyTemplateEn: "",
      audience: { kind: "all-members" },
    });
    expect(parsed).toMatchObject({ subjectEn: null, bodyTemplateEn: null });
  });

  it("accepts the merge fields it fills", () => {
    const parsed = parseInput(mailingInputSchema, {
      subject: "ご案内",
      bodyTemplate: "{name} 様（{organisation}）",
      audience: { kind: "all-members" },
    });
    expect(parsed.bodyTemplate).toBe("{name} 様（{organisation}）");
  });
});
