import { type CliCommand, cliActor, parseCommandArgs } from "../command.ts";

export const demoCommand: CliCommand = {
  name: "demo",
  summary: "cli.summary.demo",
  usage: "demo",
  async run(args, services, io) {
    // Loaded here, not at the top: every command module is loaded for every invocation (cli/command.ts).
    const { loadDemoYear } = await import("../../core/demo/load-demo-year.ts");
    parseCommandArgs(args, {});
    await loadDemoYear({
      db: services.database.db,
      dialect: services.database.dialect,
      clock: services.clock,
      accounts: services.accounts,
      actor: cliActor,
      storage: services.storage,
      log: io.out,
    });
    io.out(io.t("cli.demo.done"));
  },
};
