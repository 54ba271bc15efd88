/**
 * Each domain list is defined once and imported everywhere (issue 14): the sectors in
 * core/community/codes.ts, the "useful or better" codes of the usefulness scale in
 * core/surveys/templates/build.ts, the display time zone and its offset in i18n/dates.ts. A second definition
 * drifts from the first without anyone noticing.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const folders = ["app", "cli", "core", "db", "i18n", "server"];

function sourceFiles(): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  for (const folder of folders) {
    for (const entry of readdirSync(path.join(root, folder), { recursive: true, withFileTypes: true })) {
      if (
        !entry.isFile() ||
        !/\.tsx?$/.test(entry.name) ||
        /\.(test|fixture)\.tsx?$/.test(entry.name) ||
        // Demo data (a demo year's seed instants), not vocabulary or arithmetic.
        /(^|-)demo\.ts$/.test(entry.name)
      )
        continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      files.push({ file, text: readFileSync(path.join(root, file), "utf8") });
    }
  }
  return files;
}

const definedIn = (pattern: RegExp) =>
  sourceFiles()
    .filter(({ text }) => pattern.test(text))
    .map(({ file }) => file)
    .sort();

describe("one vocabulary", () => {
  it("lists the sectors once", () => {
    // An array literal naming two sectors; group-record.ts orders the same codes for its pages (checked by its type).
    expect(definedIn(/\[[^\]]*"academia"[^\]]*"government"[^\]]*\]/)).toEqual([
      "core/community/codes.ts",
      "core/community/group-record.ts",
    ]);
  });

  it("names the top two of the usefulness scale once", () => {
    expect(definedIn(/"very-useful",\s*"useful"/)).toEqual(["core/surveys/templates/build.ts"]);
  });

  it("defines the standard questionnaire's codes once: the question bank reads them from the template", () => {
    // Two choice codes of Q7 in a row: a list of them anywhere else would be a second question bank.
    // The demo's answers are data that use the codes, not a list of them.
    const found = definedIn(/"executive-order"[^\n]*\n?[^\n]*"customer-request"/).filter(
      (file) => file !== "core/surveys/demo-answers.ts",
    );
    expect(found).toEqual(["core/surveys/templates/regional-standard.ts"]);
  });

  it("names Japan's time zone once", () => {
    expect(definedIn(/"Asia\/Tokyo"/)).toEqual(["i18n/dates.ts"]);
  });

  it("does Japan-time arithmetic in one place (toJapanIso, japanDay, japanLocal, fromJapanLocal)", () => {
    // A literal +09:00 or 9 hours of milliseconds elsewhere is a second, drifting copy of the helpers.
    // Seed instants in the events' test fixtures are data, not arithmetic.
    const found = definedIn(/\+09:00|\b9 \* 3_?600_?000\b/).filter((file) => !file.endsWith("test-fixtures.ts"));
    expect(found).toEqual(["i18n/dates.ts"]);
  });
});
