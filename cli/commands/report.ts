import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type CliCommand, cliActor, parseCommandArgs, UsageError } from "../command.ts";

/** `npx chiiki report --fiscal-year 2020 --format docx|pdf --out FILE`: the year's report to a file. */
export const reportCommand: CliCommand = {
  name: "report",
  summary: "reports.cli.summary",
  usage: "report --fiscal-year YEAR --format docx|pdf --out FILE",
  fieldOptions: { fiscalYear: "--fiscal-year", format: "--format" },
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { exportAnnualReport } = await import("../../core/reports/export-annual-report.ts");
    const { reportsDepsFrom } = await import("../../core/reports/deps.ts");
    const { values } = parseCommandArgs(args, {
      "fiscal-year": { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    });
    if (!values.out) throw new UsageError(io.t("reports.cli.outRequired"));
    const { body } = await exportAnnualReport(reportsDepsFrom(services), cliActor, {
      fiscalYear: values["fiscal-year"],
      format: values.format,
    });
    const file = path.resolve(values.out);
    await writeFile(file, body);
    io.out(io.t("reports.cli.written", { file, bytes: body.length }));
  },
};
