import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

/** `npx chiiki survey results SURVEY_ID [--json] [--by QUESTION]`: the API's results shape, or a text summary. */
export const surveyResultsCommand: CliCommand = {
  name: "survey results",
  summary: "surveys.cli.resultsSummary",
  usage: "survey results SURVEY_ID [--json] [--by QUESTION] [--shared]",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { computeResults } = await import("../../core/surveys/compute-results.ts");
    const { surveysDepsFrom } = await import("../../core/surveys/deps.ts");
    const { values, positionals } = parseCommandArgs(
      args,
      { json: { type: "boolean" }, by: { type: "string" }, shared: { type: "boolean" } },
      1,
    );
    const results = await computeResults(surveysDepsFrom(services), cliActor, positionals[0]!, {
      locale: io.locale,
      by: values.by,
      forSharing: values.shared,
    });
    if (values.json) {
      io.out(JSON.stringify(results, null, 2));
      return;
    }
    io.out(`${results.title} (n=${results.responses})`);
    for (const q of results.questions) {
      io.out(`${q.name}: ${q.base ? `base ${q.base}` : io.t("surveys.results.noBase")}`);
      for (const c of [...q.choices, ...q.combined]) if (q.base) io.out(`  ${c.label}: ${c.count} (${c.percent}%)`);
      for (const r of q.rows)
        if (q.base)
          io.out(`  ${r.label} [${r.base}]: ${r.columns.map((c) => `${c.label} ${c.percent ?? "—"}%`).join(" / ")}`);
    }
  },
};
