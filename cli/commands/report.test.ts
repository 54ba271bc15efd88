import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createTranslate } from "../../i18n/index.ts";
import { loadReportTestYear } from "../../tests/fixtures/report-year.ts";
import { testDatabases } from "../../tests/support/databases.ts";
import { useTestServices } from "../../tests/support/services.ts";
import { type CliIO, cliActor, UsageError } from "../command.ts";
import { reportCommand } from "./report.ts";

function capture(): CliIO & { lines: string[] } {
  const lines: string[] = [];
  return {
    locale: "ja",
    t: createTranslate("ja"),
    out: (l) => lines.push(l),
    err: (l) => lines.push(l),
    prompt: () => {},
    stdin: process.stdin,
    lines,
  };
}

describe.each(testDatabases)("npx chiiki report (%s)", (kind) => {
  const services = useTestServices(kind);

  it("writes the fiscal year's report as PDF and as DOCX", async () => {
    await loadReportTestYear(services.database.db, services.database.dialect, cliActor);
    for (const [format, magic] of [
      ["pdf", "%PDF-"],
      ["docx", "PK"],
    ] as const) {
      const io = capture();
      const file = path.join(services.dataDir, `FY2020.${format}`);
      await reportCommand.run(["--fiscal-year", "2020", "--format", format, "--out", file], services, io);
      expect(readFileSync(file).subarray(0, magic.length).toString("latin1")).toBe(magic);
      expect(io.lines.join("\n")).toContain(`${file} に書き出しました`);
    }
  });

  it("refuses a missing file, an unknown format and a bad year", async () => {
    await expect(
      reportCommand.run(["--fiscal-year", "2020", "--format", "pdf"], services, capture()),
    ).rejects.toBeInstanceOf(UsageError);
    await expect(
      reportCommand.run(["--fiscal-year", "2020", "--format", "odt", "--out", "x"], services, capture()),
    ).rejects.toMatchObject({ code: "validation-failed" });
    await expect(
      reportCommand.run(["--fiscal-year", "R2", "--format", "pdf", "--out", "x"], services, capture()),
    ).rejects.toMatchObject({ code: "validation-failed" });
  });
});
