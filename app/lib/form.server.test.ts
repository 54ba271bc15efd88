import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput } from "#core/shared/validation.ts";
import { formInput } from "./form.server.ts";

function form(entries: [string, string | Blob][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("formInput", () => {
  it("reads plain fields as strings, leaving out the button pressed and files", () => {
    const input = formInput(
      form([
        ["email", "a@example.jp"],
        ["intent", "save"],
        ["file", new Blob(["x"])],
      ]),
    );
    expect(input).toEqual({ email: "a@example.jp" });
  });

  it("makes rows of dotted names into arrays in index order, nested ones too, and drops blank rows", () => {
    const input = formInput(
      form([
        ["sessions.1.title", "第二部"],
        ["sessions.0.title", "第一部"],
        ["sessions.0.speakers.0.name", "長崎 花子"],
        ["sessions.0.speakers.1.name", " "],
        ["sessions.2.title", ""],
        ["sessions.2.id", "kept-only-if-filled"],
        ["parties.0.kind", "organisation"],
        ["parties.0.organisationId", ""],
      ]),
    );
    expect(input).toEqual({
      sessions: [{ title: "第一部", speakers: [{ name: "長崎 花子" }] }, { title: "第二部" }],
      parties: [],
    });
  });

  it("reads checkboxes as booleans (absent is false), repeated names as lists, and always sends named lists", () => {
    const input = formInput(
      form([
        ["pinned", "on"],
        ["seatTypes.0.label", "会場"],
        ["seatTypes.0.waitlist", "on"],
        ["seatTypes.1.label", "オンライン"],
        ["personIds", "p1"],
        ["personIds", ""],
        ["personIds", "p2"],
      ]),
      { checkboxes: ["pinned", "archived", "seatTypes.waitlist"], many: ["personIds"], lists: ["questions"] },
    );
    expect(input).toEqual({
      pinned: true,
      archived: false,
      seatTypes: [
        { label: "会場", waitlist: true },
        { label: "オンライン", waitlist: false },
      ],
      personIds: ["p1", "p2"],
      questions: [],
    });
  });

  it("keeps the button pressed when the use case's input is a choice of actions", () => {
    expect(
      formInput(
        form([
          ["intent", "move"],
          ["name", "q1"],
        ]),
        { omit: [] },
      ),
    ).toEqual({ intent: "move", name: "q1" });
  });

  it("leaves blank fields out when asked, for schemas whose optional fields refuse an empty string", () => {
    expect(
      formInput(
        form([
          ["title", "x"],
          ["theme", "  "],
        ]),
        { blankAsMissing: true },
      ),
    ).toEqual({ title: "x" });
  });

  it("hands core's schema what it would get as JSON, so the field codes are the API's", () => {
    const schema = z.object({ title: z.string().min(1), rows: z.array(z.object({ n: z.string().min(2) })) });
    const input = formInput(
      form([
        ["title", ""],
        ["rows.0.n", "1"],
      ]),
      { lists: ["rows"] },
    );
    expect(() => parseInput(schema, input)).toThrow(
      expect.objectContaining({
        fields: [
          { field: "title", code: "required" },
          { field: "rows.0.n", code: "too-short", params: { min: 2 } },
        ],
      }),
    );
  });
});
