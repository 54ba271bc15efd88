import { describe, expect, it } from "vitest";
import { parseInput } from "../shared/validation.ts";
import { agreementInput, agreementPatch } from "./agreement-input.ts";
import { groupInput } from "./group-input.ts";
import { meetingInput, meetingPatch } from "./meeting-input.ts";

const refused = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { fields: { field: string; code: string }[] }).fields;
  }
  throw new Error("accepted");
};

describe("nothing in the registry ends before it starts", () => {
  it("meetings (Japan-time form values and ISO instants alike)", () => {
    expect(
      refused(() =>
        parseInput(meetingInput, { title: "関係者会議", startsAt: "2021-02-09T14:00", endsAt: "2021-02-09T13:00" }),
      ),
    ).toEqual([{ field: "endsAt", code: "community-ends-before-start" }]);
    // 14:00 in Japan is 05:00Z: an end at 06:00Z is after the start, though its digits look earlier.
    expect(
      parseInput(meetingInput, { title: "関係者会議", startsAt: "2021-02-09T14:00", endsAt: "2021-02-09T06:00:00Z" })
        .endsAt,
    ).toBe("2021-02-09T06:00:00Z");
    expect(
      refused(() => parseInput(meetingPatch, { startsAt: "2021-02-09T14:00", endsAt: "2021-02-09T14:00" })),
    ).toEqual([{ field: "endsAt", code: "community-ends-before-start" }]);
  });

  it("a malformed time gets its own message, never an error from the comparison", () => {
    expect(refused(() => parseInput(meetingPatch, { startsAt: "javascript:alert(1)", endsAt: "⽻𖥣" }))).toEqual([
      { field: "startsAt", code: "community-datetime" },
      { field: "endsAt", code: "community-datetime" },
    ]);
    expect(
      refused(() => parseInput(meetingPatch, { startsAt: "2021-02-31T25:99", endsAt: "2021-02-09T14:00" })),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ field: "startsAt" })]));
  });

  it("agreements and officer terms", () => {
    expect(
      refused(() =>
        parseInput(agreementInput, { title: "相互協力協定", signedOn: "2017-01-24", endedOn: "2017-01-23" }),
      ),
    ).toEqual([{ field: "endedOn", code: "community-ends-before-start" }]);
    expect(parseInput(agreementPatch, { signedOn: "2017-01-24", endedOn: "2017-01-24" }).endedOn).toBe("2017-01-24");
    expect(
      refused(() =>
        parseInput(groupInput, {
          kind: "working-group",
          name: "情報セキュリティ部会",
          officers: [{ role: "部会長", termStart: "2020-04-01", termEnd: "2020-03-31" }],
        }),
      ),
    ).toEqual([{ field: "officers.0.termEnd", code: "community-ends-before-start" }]);
  });
});
