import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ImportTimeZone } from "../../core/surveys/form-timestamps.ts";
import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

/**
 * `npx chiiki survey import SURVEY_ID FILE [--dry-run] [--time-zone ZONE]`: a Google Forms CSV or a
 * JSON array of answers; the CSV's timestamps are read in ZONE (Asia/Tokyo unless told).
 */
export const surveyImportCommand: CliCommand = {
  name: "survey import",
  summary: "surveys.cli.importSummary",
  usage: "survey import SURVEY_ID FILE [--dry-run] [--time-zone Asia/Tokyo|America/New_York|…]",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { importResponses } = await import("../../core/surveys/import-responses.ts");
    const { surveysDepsFrom } = await import("../../core/surveys/deps.ts");
    const { values, positionals } = parseCommandArgs(
      args,
      { "dry-run": { type: "boolean" }, "time-zone": { type: "string" } },
      2,
    );
    const [surveyId, file] = positionals as [string, string];
    // Bytes, not text: the import finds the encoding (Excel in Japan saves CSV in CP932).
    const bytes = new Uint8Array(await readFile(path.resolve(file)));
    const report = await importResponses(surveysDepsFrom(services), cliActor, surveyId, {
      file: bytes,
      commit: !values["dry-run"],
      locale: io.locale,
      ...(values["time-zone"] ? { timeZone: values["time-zone"] as ImportTimeZone } : {}),
    });
    for (const m of report.mapping.filter((x) => !x.question))
      io.err(io.t("surveys.cli.ignoredColumn", { header: m.header }));
    for (const u of report.unmatched)
      io.err(io.t("surveys.cli.unmatched", { question: u.question, value: u.value, count: u.count }));
    for (const r of report.invalid)
      io.err(
        io.t("surveys.cli.refusedRow", {
          row: r.row,
          errors: r.errors.map((e) => `${e.question}: ${e.message}`).join(" / "),
        }),
      );
    io.out(io.t("surveys.cli.imported", { imported: report.imported, valid: report.valid, rows: report.rows }));
    return report.invalid.length ? 1 : 0;
  },
};
