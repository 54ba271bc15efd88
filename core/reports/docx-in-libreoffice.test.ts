/**
 * The DOCX opens in another word processor: LibreOffice converts it to PDF, and the PDF's text
 * holds the report's headings and figures. CI does not install LibreOffice, so without `soffice`
 * (or poppler's `pdftotext`) the test is skipped with the reason; install them with
 * `apt-get install -y --no-install-recommends libreoffice-writer poppler-utils`.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstCommunity, scopeDatabase } from "../../db/communities.ts";
import { createDb, migrateToLatest } from "../../db/create-db.ts";
import { createTranslate } from "../../i18n/index.ts";
import { fixedClock } from "../shared/clock.ts";
import { assembleAnnualReport } from "./assemble-annual-report.ts";
import { renderReportDocx } from "./render-docx.ts";
import { loadReportTestYear } from "../../tests/fixtures/report-year.ts";

const has = (command: string) => spawnSync("sh", ["-c", `command -v ${command}`]).status === 0;
const missing = ["soffice", "pdftotext"].filter((command) => !has(command));
if (missing.length > 0)
  console.warn(
    `skipping the LibreOffice check: ${missing.join(", ")} not installed (apt-get install -y --no-install-recommends libreoffice-writer poppler-utils)`,
  );

describe.skipIf(missing.length > 0)("the DOCX in LibreOffice", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "chiiki-report-lo-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("converts to PDF whose text holds the headings and the figures", { timeout: 120_000 }, async () => {
    const opened = createDb({ sqliteFile: ":memory:" });
    await migrateToLatest(opened.root);
    const database = scopeDatabase(opened, (await firstCommunity(opened.root)).id);
    const actor = { kind: "system", name: "test" } as const;
    await loadReportTestYear(database.db, database.dialect, actor);
    const report = await assembleAnnualReport(
      { db: database.db, dialect: database.dialect, clock: fixedClock("2021-03-24T00:00:00Z"), baseUrl: "" },
      actor,
      { fiscalYear: 2020 },
    );
    await database.destroy();
    writeFileSync(path.join(dir, "report.docx"), await renderReportDocx(report, createTranslate("ja")));

    // A profile of its own, so a LibreOffice the user has open does not take the job.
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${dir}/profile`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        path.join(dir, "report.docx"),
      ],
      { stdio: "pipe", timeout: 110_000 },
    );
    execFileSync("pdftotext", ["-layout", path.join(dir, "report.pdf"), path.join(dir, "report.txt")]);
    // LibreOffice puts spaces between Japanese and Latin text; compare without any.
    const text = readFileSync(path.join(dir, "report.txt"), "utf8").replace(/\s+/g, "");
    for (const expected of [
      "令和2年度中小企業サイバーセキュリティ対策促進事業",
      "令和3年（2021年）3月31日",
      "目次",
      "1実施概要",
      "2.1「長崎県サイバーセキュリティに関する相互協力協定」に基づく連携活動",
      "2.5議論した結果",
      "3.1実施概要",
      "合計70名が参加した",
      "4.1実施概要",
      "有効回答数",
      "28件",
      "4.3アンケート調査に対する分析",
      "5考察",
      "Q7は、対策を実施することになったきっかけが経営層からの指示が44.4%で、取引先からの要請が40.7%であった。",
      "(該当者無し)",
      "-3-",
    ]) {
      expect(text, expected).toContain(expected);
    }
  });
});
