import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { writeCsv } from "../files/csv.ts";
import { readTableFile } from "../files/read-table-file.ts";
import { decodeText } from "../files/text-encoding.ts";
import { industries, memberships, prefectures, sectors, sizeBands } from "./codes.ts";
import { confirmImport } from "./confirm-import.ts";
import { createOrganisation } from "./create-organisation.ts";
import { createPerson } from "./create-person.ts";
import { exportRegistry } from "./export-registry.ts";
import { readCodedValue } from "./import-columns.ts";
import { normaliseSearch } from "./normalise-search.ts";
import { previewImport } from "./preview-import.ts";
import { communityDeps, secretariat } from "../../tests/fixtures/community.ts";

// Text as people type it into the registry: kanji, kana, the dashes and tildes CP932 maps
// differently, NEC/IBM extensions, quotes, commas, line breaks and formula-like starts.
const units = [..."長崎県立大学あいうカナｶﾅ髙﨑①㈱〜～－−∥‖￢abcZ019 　\"',;\n\r\t=+-@＝"];
const text = (max: number) =>
  fc
    .string({ unit: fc.constantFrom(...units), maxLength: max })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const date = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const organisation = fc.record({
  name: text(30),
  reading: optional(text(20)),
  sector: fc.constantFrom(...sectors),
  prefecture: optional(fc.constantFrom(...prefectures)),
  industry: optional(fc.constantFrom(...industries)),
  sizeBand: optional(fc.constantFrom(...sizeBands)),
  membership: optional(fc.constantFrom(...memberships)),
  membershipType: optional(text(20)),
  memberSince: optional(date),
  website: optional(fc.constantFrom("https://example.jp/", "https://www.pref.nagasaki.jp/")),
  address: optional(text(40)),
  notes: optional(text(60)),
});

const person = fc.record({
  organisation: fc.nat(),
  familyName: text(10),
  givenName: optional(text(10)),
  familyReading: optional(text(10)),
  givenReading: optional(text(10)),
  department: optional(text(20)),
  title: optional(text(20)),
  email: optional(fc.stringMatching(/^[a-z][a-z0-9]{0,8}@example\.jp$/)),
  phone: optional(fc.stringMatching(/^0\d{1,4}-\d{1,4}-\d{4}$/)),
  mailOptIn: fc.boolean(),
  notes: optional(text(40)),
});

const registry = fc.record({
  organisations: fc.uniqueArray(organisation, {
    minLength: 1,
    maxLength: 6,
    selector: (o) => normaliseSearch(o.name),
  }),
  people: fc.array(fc.record({ person, inOrganisation: fc.boolean() }), { maxLength: 6 }),
  locale: fc.constantFrom("ja" as const, "en" as const),
  format: fc.constantFrom("csv" as const, "xlsx" as const),
});

describe("the registry's vocabulary", () => {
  it("reads the product's own labels in Japanese and English, and the codes", () => {
    expect(readCodedValue("prefecture", "長崎県")).toBe("nagasaki");
    expect(readCodedValue("prefecture", "Nagasaki")).toBe("nagasaki");
    expect(readCodedValue("membership", "会員")).toBe("member");
    expect(readCodedValue("sizeBand", "6〜20人")).toBe("6-20");
    // Saved again by Excel in CP932, 〜 comes back as ～ (FULLWIDTH TILDE): the same band.
    expect(readCodedValue("sizeBand", "6～20人")).toBe("6-20");
    expect(readCodedValue("industry", "情報通信業")).toBe("ict");
    expect(readCodedValue("industry", "Information and communications")).toBe("ict");
    expect(readCodedValue("sector", "産")).toBe("industry");
    expect(readCodedValue("sector", "産（産業）")).toBe("industry");
    expect(readCodedValue("sector", "ACADEMIA")).toBe("academia");
    expect(readCodedValue("prefecture", "火星")).toBeNull();
  });
});

describe.each(testDatabases)("export → import → export on %s", (kind) => {
  const t = useTestDatabase(kind);

  async function wipe() {
    await t.db.deleteFrom("people").execute();
    await t.db.deleteFrom("organisations").execute();
    await t.db.deleteFrom("community_imports").execute();
  }

  async function exportBoth(locale: "ja" | "en", format: "csv" | "xlsx") {
    const deps = communityDeps(t);
    const file = async (kind: "organisations" | "people") =>
      (await exportRegistry(deps, secretariat, { kind, format, locale })).bytes;
    return { organisations: await file("organisations"), people: await file("people") };
  }

  async function importBoth(files: { organisations: Uint8Array; people: Uint8Array }, people: number) {
    const deps = communityDeps(t);
    for (const kind of ["organisations", "people"] as const) {
      // A file of headers only is refused as empty (community-import-empty): nothing to import.
      if (kind === "people" && people === 0) continue;
      const preview = await previewImport(deps, secretariat, { kind, bytes: files[kind] });
      expect(preview.rows.flatMap((r) => r.errors.map((e) => `${r.line} ${e.field} ${e.code}`))).toEqual([]);
      await confirmImport(deps, secretariat, preview.token);
    }
  }

  /** A CSV compared as its text (a failure shows the cells); an XLSX as the rows it holds. */
  const readable = async (bytes: Uint8Array, format: "csv" | "xlsx") =>
    format === "csv" ? decodeText(bytes, "file").text : await readTableFile(bytes, "file");

  it("changes nothing, in Japanese and in English, as CSV and as XLSX", async () => {
    await fc.assert(
      fc.asyncProperty(registry, async ({ organisations, people, locale, format }) => {
        await wipe();
        const deps = communityDeps(t);
        const ids: string[] = [];
        for (const o of organisations) ids.push((await createOrganisation(deps, secretariat, o)).id);
        for (const { person: p, inOrganisation } of people) {
          const { organisation, ...rest } = p;
          await createPerson(deps, secretariat, {
            ...rest,
            organisationId: inOrganisation ? ids[organisation % ids.length]! : null,
          });
        }
        const first = await exportBoth(locale, format);
        await wipe();
        await importBoth(first, people.length);
        const second = await exportBoth(locale, format);
        for (const kind of ["organisations", "people"] as const)
          expect(await readable(second[kind], format)).toEqual(await readable(first[kind], format));
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it("reads the labels of a file exported in the other language, and CP932 from Excel", async () => {
    await wipe();
    const deps = communityDeps(t);
    await createOrganisation(deps, secretariat, {
      name: "株式会社髙﨑〜①システム",
      reading: "たかさきしすてむ",
      sector: "industry",
      prefecture: "nagasaki",
      industry: "ict",
      sizeBand: "6-20",
      membership: "member",
    });
    const english = await exportRegistry(deps, secretariat, { kind: "organisations", format: "csv", locale: "en" });
    const englishText = decodeText(english.bytes, "file").text;
    expect(englishText.split("\r\n")[0]).toBe(
      "Name,Reading,Sector,Prefecture,Industry,Employees,Membership,Membership type,Member since,Website,Address,Notes",
    );
    expect(englishText).toContain("Industry,Nagasaki,Information and communications,6–20,Member");
    const japanese = await exportRegistry(deps, secretariat, {
      kind: "organisations",
      format: "csv",
      locale: "ja",
      encoding: "cp932",
    });
    await wipe();
    for (const file of [english.bytes, japanese.bytes]) {
      const preview = await previewImport(deps, secretariat, { kind: "organisations", bytes: file });
      expect(preview.rows[0]!.input).toMatchObject({
        sector: "industry",
        prefecture: "nagasaki",
        industry: "ict",
        sizeBand: "6-20",
        membership: "member",
      });
    }
    // A value that is no label names its field and the value, Japanese first.
    const bad = await previewImport(deps, secretariat, {
      kind: "organisations",
      bytes: writeCsv([
        ["名称", "区分", "都道府県"],
        ["火星開発", "産", "火星"],
      ]),
    });
    expect(bad.rows[0]!.errors).toEqual([
      { field: "prefecture", code: "community-import-value", params: { value: "火星" } },
    ]);
  });
});
