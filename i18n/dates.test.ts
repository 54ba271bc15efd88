import { describe, expect, it } from "vitest";
import { japanTime, toJapanLocalInput } from "./dates.ts";

describe("Japan's wall clock", () => {
  it("reads a date, a datetime-local value and one with seconds as Japan time", () => {
    expect(japanTime("2021-01-27").toISOString()).toBe("2021-01-26T15:00:00.000Z");
    expect(japanTime("2021-01-27T15:00").toISOString()).toBe("2021-01-27T06:00:00.000Z");
    expect(japanTime("2021-01-27T15:00:30").toISOString()).toBe("2021-01-27T06:00:30.000Z");
  });

  it("reads a value with its own offset or Z as written", () => {
    expect(japanTime("2021-01-27T15:00:00Z").toISOString()).toBe("2021-01-27T15:00:00.000Z");
    expect(japanTime("2021-01-27T15:00:00+01:00").toISOString()).toBe("2021-01-27T14:00:00.000Z");
  });

  it("gives an invalid date for a time that does not exist", () => {
    expect(Number.isNaN(japanTime("2021-01-27T25:99").getTime())).toBe(true);
    expect(Number.isNaN(japanTime("soon").getTime())).toBe(true);
  });

  it("writes an instant back as the datetime-local value it came from", () => {
    expect(toJapanLocalInput("2021-01-27T06:00:00.000Z")).toBe("2021-01-27T15:00");
    expect(toJapanLocalInput(japanTime("2021-12-31T23:30"))).toBe("2021-12-31T23:30");
  });
});
