import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { displayTimeZone, formatDateTime, fromJapanLocal, japanDay, japanLocal, toJapanIso } from "./dates.ts";

/** Instants from 1960 to 2100, to the millisecond. */
const instants = fc.date({
  min: new Date("1960-01-01T00:00:00Z"),
  max: new Date("2100-01-01T00:00:00Z"),
  noInvalidDate: true,
});

/** What the platform's time-zone database says the Japan wall clock shows, for comparison. */
const viaIntl = new Intl.DateTimeFormat("sv-SE", {
  timeZone: displayTimeZone,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

describe("Japan time helpers", () => {
  it("show the 21:30Z instant of the issue as the next morning in Japan", () => {
    const at = "2026-12-01T21:30:00.000Z";
    expect(toJapanIso(at)).toBe("2026-12-02T06:30:00+09:00");
    expect(japanDay(at)).toBe("2026-12-02");
    expect(japanLocal(at)).toBe("2026-12-02T06:30");
    expect(formatDateTime(at, "ja")).toBe("令和8年12月2日(水) 06:30");
    expect([toJapanIso(null), japanDay(undefined), japanLocal("")]).toEqual(["", "", ""]);
  });

  it("agree with the time-zone database for every instant", () => {
    fc.assert(
      fc.property(instants, (d) => {
        expect(toJapanIso(d)).toBe(`${viaIntl.format(d).replace(" ", "T")}+09:00`);
        expect(new Date(toJapanIso(d)).getTime()).toBe(Math.floor(d.getTime() / 1000) * 1000);
      }),
    );
  });

  it("round-trip: what the pages show and files carry reads back as the same instant", () => {
    fc.assert(
      fc.property(instants, (d) => {
        const seconds = new Date(Math.floor(d.getTime() / 1000) * 1000);
        const minutes = new Date(Math.floor(d.getTime() / 60_000) * 60_000);
        expect(fromJapanLocal(toJapanIso(d)).getTime()).toBe(seconds.getTime());
        expect(fromJapanLocal(japanLocal(d)).getTime()).toBe(minutes.getTime());
        expect(fromJapanLocal(japanDay(d)).getTime()).toBeLessThanOrEqual(d.getTime());
        expect(d.getTime() - fromJapanLocal(japanDay(d)).getTime()).toBeLessThan(86_400_000);
        expect(fromJapanLocal(d.toISOString()).getTime()).toBe(d.getTime());
      }),
    );
  });

  it("the Japan day changes at 15:00Z, not at midnight UTC", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1970-01-02T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }),
        (d) => {
          const utcDay = d.toISOString().slice(0, 10);
          const boundary = new Date(`${utcDay}T15:00:00.000Z`);
          const before = new Date(boundary.getTime() - 1);
          expect(japanDay(before)).toBe(utcDay);
          expect(japanDay(boundary)).not.toBe(utcDay);
          expect(fromJapanLocal(japanDay(boundary)).getTime()).toBe(boundary.getTime());
          expect(toJapanIso(boundary).slice(10)).toBe("T00:00:00+09:00");
        },
      ),
    );
  });

  it("reads what people type as Japan time, and refuses what is not a time", () => {
    expect(fromJapanLocal("2026-12-02T06:30").toISOString()).toBe("2026-12-01T21:30:00.000Z");
    expect(fromJapanLocal(" 2026-12-02T06:30:15 ").toISOString()).toBe("2026-12-01T21:30:15.000Z");
    expect(fromJapanLocal("2026-12-02").toISOString()).toBe("2026-12-01T15:00:00.000Z");
    expect(fromJapanLocal("2026-12-02T06:30:00+09:00").toISOString()).toBe("2026-12-01T21:30:00.000Z");
    expect(fromJapanLocal("2026-12-02T06:30Z").toISOString()).toBe("2026-12-02T06:30:00.000Z");
    for (const bad of ["", "tomorrow", "2026-13-02T06:30", "2026/12/02 06:30", "1733000000000"])
      expect(Number.isNaN(fromJapanLocal(bad).getTime()), bad).toBe(true);
  });
});
