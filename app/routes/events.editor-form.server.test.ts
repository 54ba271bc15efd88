import { describe, expect, it } from "vitest";
import { eventInputSchema } from "#core/events/event-input.ts";
import { parseInput } from "#core/shared/validation.ts";
import { formToEventInput } from "./events.editor-form.server.ts";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.append(k, v);
  return data;
}

const filled = {
  title: "サイバーセキュリティセミナー",
  theme: "",
  audience: "public",
  startsAt: "2021-01-27T15:00",
  endsAt: "2021-01-27T17:00",
  venueName: "長崎県庁",
  onlineJoinUrl: "",
  "seatTypes.0.key": "venue",
  "seatTypes.0.label": "会場",
  "seatTypes.0.capacity": "５０",
  "seatTypes.0.waitlist": "on",
  "seatTypes.1.key": "online",
  "seatTypes.1.label": "オンライン",
  "seatTypes.1.capacity": "100",
  // The spare rows a form without JavaScript offers, left blank.
  "seatTypes.2.key": "",
  "seatTypes.2.label": "",
  "seatTypes.2.capacity": "",
  "sessions.0.title": "基調講演",
  "sessions.0.startsAt": "2021-01-27T15:00",
  "sessions.0.endsAt": "",
  "sessions.0.speakers.0.name": "講師 警部",
  "sessions.0.speakers.0.affiliation": "長崎県警察",
  "sessions.0.speakers.1.name": "",
  "sessions.1.title": "",
  "sessions.1.speakers.0.name": "",
  "questions.0.key": "dept",
  "questions.0.label": "部署",
  "questions.1.key": "",
  "questions.1.label": "",
};

describe("the event editor's form", () => {
  it("becomes the input the API would send: rows in order, blanks left out, unticked boxes false", () => {
    const event = parseInput(eventInputSchema, formToEventInput(form(filled)));
    expect(event.startsAt).toBe("2021-01-27T06:00:00.000Z");
    expect(event.theme).toBeNull();
    expect(event.onlineJoinUrl).toBeNull();
    expect(event.seatTypes.map((s) => [s.key, s.capacity, s.waitlist])).toEqual([
      ["venue", 50, true],
      ["online", 100, false],
    ]);
    expect(event.sessions).toHaveLength(1);
    expect(event.sessions[0]!.endsAt).toBeUndefined();
    expect(event.sessions[0]!.speakers.map((p) => [p.name, p.affiliation, p.title])).toEqual([
      ["講師 警部", "長崎県警察", null],
    ]);
    expect(event.questions).toEqual([{ key: "dept", label: "部署", type: "text", required: false }]);
  });

  it("names the field of each mistake, in the form's own paths", () => {
    const input = formToEventInput(
      form({ ...filled, title: "", endsAt: "", "seatTypes.1.capacity": "", "sessions.0.speakers.0.name": "" }),
    );
    expect(() => parseInput(eventInputSchema, input)).toThrow(
      expect.objectContaining({
        fields: expect.arrayContaining([
          { field: "title", code: "required" },
          { field: "endsAt", code: "events-datetime" },
          { field: "seatTypes.1.capacity", code: "required" },
        ]),
      }),
    );
  });
});
