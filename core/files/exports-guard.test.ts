/**
 * Every CSV and XLSX the product exports (issue 13 item 4): a cell typed as free text that a
 * spreadsheet would run as a formula comes out neutralised in CSV (a leading ') and as a string
 * cell in XLSX (never a formula), and CP932 downloads refuse what CP932 cannot hold. Each case
 * calls the function its download route calls.
 */
import { parse } from "csv-parse/sync";
import unzipper from "unzipper";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "../../tests/support/databases.ts";
import { anonymous } from "../accounts/actor.ts";
import { createOrganisation } from "../community/create-organisation.ts";
import { createPerson } from "../community/create-person.ts";
import { exportRegistry } from "../community/export-registry.ts";
import { communityDeps, secretariat as communitySecretariat } from "../../tests/fixtures/community.ts";
import { createEvent } from "../events/create-event.ts";
import { exportRegistrantsCsv, exportRegistrantsXlsx } from "../events/export-registrants.ts";
import { checkInAttendee } from "../events/check-in-attendee.ts";
import { registerAttendee } from "../events/register-attendee.ts";
import { seminarInput, secretariat as eventsSecretariat, testDeps } from "../../tests/fixtures/events.ts";
import { fixedClock } from "../shared/clock.ts";
import { createSurvey } from "../surveys/create-survey.ts";
import { nagasakiDemoAnswers } from "../surveys/demo-answers.ts";
import { exportResponses } from "../surveys/export-responses.ts";
import { exportResults } from "../surveys/export-results.ts";
import { importResponses } from "../surveys/import-responses.ts";
import { toCsv, toXlsx } from "../surveys/table-formats.ts";
import { secretariat as surveysSecretariat } from "../../tests/fixtures/surveys.ts";
import { readCsv } from "./csv.ts";
import { readXlsx } from "./xlsx.ts";

const attacks = ['=HYPERLINK("http://evil.example")', "+1", "-1", "@SUM(1)", "\t=1"];

/** The cells as a spreadsheet program reads them: no unguarding, nothing trimmed. */
function rawCells(bytes: Uint8Array): string[] {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).replace(/^\uFEFF/, "");
  return (parse(text, { relax_column_count: true }) as string[][]).flat();
}

function expectGuardedCsv(bytes: Uint8Array) {
  const cells = rawCells(bytes);
  // Forms trim what they store, so "\t=1" arrives as "=1": the guard must catch both.
  for (const attack of attacks.map((a) => a.trim())) {
    expect(cells, attack).not.toContain(attack);
    expect(
      cells.some((c) => c.includes(`'${attack}`)),
      attack,
    ).toBe(true);
  }
  for (const cell of cells)
    if (/^[=+@\t\r]/.test(cell)) throw new Error(`a live formula cell: ${JSON.stringify(cell)}`);
}

async function expectNoFormulaCells(bytes: Uint8Array) {
  const directory = await unzipper.Open.buffer(Buffer.from(bytes));
  const sheets = directory.files.filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f.path));
  expect(sheets.length).toBeGreaterThan(0);
  for (const file of sheets) expect((await file.buffer()).toString("utf8"), file.path).not.toMatch(/<f[ >]/);
}

async function expectStringCellsXlsx(bytes: Uint8Array) {
  await expectNoFormulaCells(bytes);
  const cells = (await readXlsx(bytes, "file")).flat();
  for (const attack of attacks)
    expect(
      cells.some((c) => c.includes(attack.trim())),
      attack,
    ).toBe(true);
}

describe.each(testDatabases)("exports neutralise formulas on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("registry organisations and people: CSV guarded, XLSX as text, CP932 refused with the characters named", async () => {
    const deps = communityDeps(t);
    const org = await createOrganisation(deps, communitySecretariat, {
      name: "株式会社テスト",
      sector: "industry",
      sizeBand: undefined,
      notes: attacks[0],
      address: attacks[1],
    });
    await createOrganisation(deps, communitySecretariat, {
      name: "テスト大学",
      sector: "academia",
      notes: attacks[2],
      address: attacks[3],
    });
    await createOrganisation(deps, communitySecretariat, {
      name: "テスト協会",
      sector: "government",
      notes: attacks[4],
    });
    await createPerson(deps, communitySecretariat, {
      familyName: "長崎",
      organisationId: org.id,
      notes: attacks.join(" "),
      department: attacks[0],
      title: attacks[2],
    });
    await createPerson(deps, communitySecretariat, {
      familyName: "佐世保",
      notes: attacks[1],
      department: attacks[3],
      title: attacks[4],
    });
    for (const kindOf of ["organisations", "people"] as const) {
      expectGuardedCsv((await exportRegistry(deps, communitySecretariat, { kind: kindOf, format: "csv" })).bytes);
      await expectStringCellsXlsx(
        (await exportRegistry(deps, communitySecretariat, { kind: kindOf, format: "xlsx" })).bytes,
      );
    }
    const cp932 = await exportRegistry(deps, communitySecretariat, {
      kind: "organisations",
      format: "csv",
      encoding: "cp932",
    });
    expect(cp932.contentType).toBe("text/csv; charset=shift_jis");
    expect([...cp932.bytes.slice(0, 4)]).toEqual([0x96, 0xbc, 0x8f, 0xcc]); // 名称, no BOM
    await createOrganisation(deps, communitySecretariat, { name: "🍣テスト", sector: "industry" });
    await expect(
      exportRegistry(deps, communitySecretariat, { kind: "organisations", format: "csv", encoding: "cp932" }),
    ).rejects.toMatchObject({
      code: "validation-failed",
      fields: [{ field: "encoding", code: "file-cp932-unmappable", params: { characters: "🍣" } }],
    });
    await expect(
      exportRegistry(deps, communitySecretariat, { kind: "organisations", format: "csv", encoding: "latin1" }),
    ).rejects.toMatchObject({ code: "validation-failed", fields: [{ field: "encoding", code: "choice" }] });
  });

  it("survey responses: CSV guarded (free text from anonymous respondents), XLSX as text, CP932 on request", async () => {
    const deps = {
      db: t.db,
      dialect: t.dialect,
      clock: fixedClock("2021-02-01T00:00:00.000Z"),
      baseUrl: "http://localhost",
    };
    const { id } = await createSurvey(deps, surveysSecretariat, {
      title: "調査",
      template: "regional-standard",
      talks: [
        { id: "t1", title: "講演1" },
        { id: "t2", title: "講演2" },
      ],
    });
    let next = 0;
    const answers = nagasakiDemoAnswers(["t1", "t2"]).map((a) =>
      Object.fromEntries(
        Object.entries(a).map(([k, v]) => [
          k,
          typeof v === "string" && (k.endsWith("-Comment") || k === "q11") ? attacks[next++ % attacks.length] : v,
        ]),
      ),
    );
    expect(next).toBeGreaterThanOrEqual(attacks.length);
    const report = await importResponses(deps, surveysSecretariat, id, {
      content: JSON.stringify(answers),
      commit: true,
    });
    expect(report.invalid).toEqual([]);
    const table = await exportResponses(deps, surveysSecretariat, id);
    expectGuardedCsv(toCsv(table));
    await expectStringCellsXlsx(await toXlsx([table]));
    expect(() => toCsv(table, { encoding: "cp932" })).not.toThrow();
    // results.xlsx (for sharing; which cells it shows is docs/survey-counting.md's business) has no formula either.
    await expectNoFormulaCells(await toXlsx(await exportResults(deps, surveysSecretariat, id, { by: "q2" })));
  });

  it("registrants: CSV guarded, XLSX as text, CP932 refused for an emoji", async () => {
    const deps = testDeps(t.db);
    const event = await createEvent(
      deps,
      eventsSecretariat,
      seminarInput({ questions: [{ key: "q", label: "ご質問" }] }),
    );
    for (const [i, attack] of attacks.entries()) {
      await registerAttendee(deps, anonymous, event.id, {
        name: `参加者${i}`,
        email: `p${i}@example.jp`,
        seatType: "venue",
        organisation: attack,
        answers: { q: attack },
      });
    }
    expectGuardedCsv(await exportRegistrantsCsv(deps, eventsSecretariat, event.id, "ja"));
    await expectStringCellsXlsx(await exportRegistrantsXlsx(deps, eventsSecretariat, event.id, "ja"));
    await registerAttendee(deps, anonymous, event.id, { name: "絵文字😀", email: "e@example.jp", seatType: "venue" });
    await expect(
      exportRegistrantsCsv(deps, eventsSecretariat, event.id, "ja", { encoding: "cp932" }),
    ).rejects.toMatchObject({
      fields: [{ field: "encoding", code: "file-cp932-unmappable", params: { characters: "😀", cells: "B7" } }],
    });
  });
});

/** Instants in a file people read are Japan time, ISO 8601 with the offset (the secretariat's everyday issue). */
const japanIso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/;

describe.each(testDatabases)("exports write Japan time on %s", (kind) => {
  const t = useTestDatabase(kind);

  it("registrants: the check-in column is +09:00, in CSV and XLSX, on the Japan day", async () => {
    // 2021-01-27T21:30Z is already the 28th, 06:30 in Japan: the UTC date would name the wrong day.
    const deps = testDeps(t.db);
    const event = await createEvent(deps, eventsSecretariat, seminarInput());
    const a = await registerAttendee(deps, anonymous, event.id, {
      name: "受付済",
      email: "in@example.jp",
      seatType: "venue",
    });
    await registerAttendee(deps, anonymous, event.id, { name: "未受付", email: "out@example.jp", seatType: "venue" });
    deps.clock.set("2021-01-27T21:30:00.000Z");
    await checkInAttendee(deps, eventsSecretariat, event.id, { ticket: a.id });
    const csv = readCsv(await exportRegistrantsCsv(deps, eventsSecretariat, event.id, "ja"), "file").rows;
    const xlsx = await readXlsx(await exportRegistrantsXlsx(deps, eventsSecretariat, event.id, "ja"), "file");
    for (const table of [csv, xlsx]) {
      const column = table[0]!.indexOf("受付");
      expect(column, table[0]!.join(",")).toBeGreaterThanOrEqual(0);
      const cells = table.slice(1).map((row) => row[column] ?? "");
      expect(cells).toEqual(["2021-01-28T06:30:00+09:00", ""]);
      for (const row of table) for (const cell of row) expect(cell).not.toMatch(/\d{2}:\d{2}(:\d{2})?(\.\d+)?Z$/);
    }
  });

  it("survey responses: the completion column is +09:00; the registry's file is named by the Japan day", async () => {
    const deps = {
      db: t.db,
      dialect: t.dialect,
      clock: fixedClock("2021-01-31T15:00:00.000Z"),
      baseUrl: "http://localhost",
    };
    const { id } = await createSurvey(deps, surveysSecretariat, {
      title: "調査",
      template: "regional-standard",
      talks: [
        { id: "t1", title: "講演1" },
        { id: "t2", title: "講演2" },
      ],
    });
    const report = await importResponses(deps, surveysSecretariat, id, {
      content: JSON.stringify(nagasakiDemoAnswers(["t1", "t2"]).slice(0, 2)),
      commit: true,
    });
    expect(report.invalid).toEqual([]);
    const table = await exportResponses(deps, surveysSecretariat, id);
    const column = table.codes.indexOf("completed_at");
    expect(table.rows.length).toBe(2);
    for (const row of table.rows) {
      expect(row[column]).toMatch(japanIso);
      expect(row[column]).toBe("2021-02-01T00:00:00+09:00");
    }
    const written = readCsv(toCsv(table), "file").rows;
    expect(written.slice(2).map((row) => row[column])).toEqual([
      "2021-02-01T00:00:00+09:00",
      "2021-02-01T00:00:00+09:00",
    ]);
    const xlsx = await readXlsx(await toXlsx([table]), "file");
    expect(xlsx.slice(2).map((row) => row[column])).toEqual(["2021-02-01T00:00:00+09:00", "2021-02-01T00:00:00+09:00"]);

    const registry = await exportRegistry(
      { ...communityDeps(t), clock: fixedClock("2021-01-31T15:00:00.000Z") },
      communitySecretariat,
      { kind: "people", format: "csv" },
    );
    expect(registry.fileName).toBe("people-2021-02-01.csv");
  });
});
