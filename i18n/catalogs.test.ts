import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalogs } from "./index.ts";
import {
  formatDateTime,
  formatEraAndWesternDate,
  formatEraDate,
  formatFiscalYear,
  fiscalYearOf,
  fiscalYearRange,
} from "./dates.ts";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message catalogs", () => {
  it("English has every Japanese key, with the same placeholders, and no empty text", () => {
    for (const [key, ja] of Object.entries(catalogs.ja)) {
      const en = catalogs.en[key as keyof typeof catalogs.en];
      expect(en, key).toBeTruthy();
      expect(placeholders(en), key).toEqual(placeholders(ja));
    }
    expect(Object.keys(catalogs.en).sort()).toEqual(Object.keys(catalogs.ja).sort());
  });

  it("no key is defined in two capability files (a later spread would silently win)", async () => {
    for (const locale of ["ja", "en"]) {
      const dir = path.join(import.meta.dirname, locale);
      const seen = new Map<string, string>();
      for (const file of readdirSync(dir).filter((f) => f !== "index.ts")) {
        const module = await import(/* @vite-ignore */ `./${locale}/${file}`);
        for (const part of Object.values(module) as Record<string, string>[]) {
          for (const key of Object.keys(part)) {
            expect(seen.get(key), `${locale}: ${key} in ${file} and ${seen.get(key)}`).toBeUndefined();
            seen.set(key, file);
          }
        }
      }
    }
  });
});

describe("Japanese dates", () => {
  it("formats the seminar day in the era with its weekday", () => {
    expect(formatEraDate("2021-01-27")).toBe("令和3年1月27日(水)");
    expect(formatEraDate(new Date("2021-01-27T06:00:00Z"))).toBe("令和3年1月27日(水)");
    expect(formatEraAndWesternDate("2021-01-27")).toBe("令和3年（2021年）1月27日(水)");
  });

  it("gives the same answer again from what it remembers, and a different instant its own", () => {
    const dates = ["2021-01-27T06:00:00Z", "2021-01-28T06:00:00Z", "2021-01-27T06:00:00Z", "2019-05-01T03:00:00Z"];
    expect(dates.map((d) => formatDateTime(d, "ja"))).toEqual([
      "令和3年1月27日(水) 15:00",
      "令和3年1月28日(木) 15:00",
      "令和3年1月27日(水) 15:00",
      "令和元年5月1日(水) 12:00",
    ]);
    expect(formatDateTime("2021-01-27T06:00:00Z", "en")).toBe("Wed, 27 Jan 2021 15:00");
  });

  it("uses Japan time, not the server's zone", () => {
    // 23:30 UTC on the 26th is already the 27th in Nagasaki.
    expect(formatEraDate(new Date("2021-01-26T23:30:00Z"))).toBe("令和3年1月27日(水)");
  });

  it("knows fiscal years run April to March", () => {
    expect(fiscalYearOf("2021-01-27")).toBe(2020);
    expect(fiscalYearOf("2020-04-01")).toBe(2020);
    expect(fiscalYearOf("2020-03-31")).toBe(2019);
    expect(fiscalYearRange(2020)).toEqual({ start: "2020-04-01", end: "2021-03-31" });
    expect(formatFiscalYear(2020)).toBe("令和2年度");
    expect(formatFiscalYear(2019)).toBe("令和元年度");
    expect(formatFiscalYear(2016)).toBe("平成28年度");
    expect(formatFiscalYear(2020, "en")).toBe("FY2020");
  });
});
